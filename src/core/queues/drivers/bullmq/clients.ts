import type { Redis } from 'ioredis';

export interface QueueClients {
  /** Workers per queue name. */
  workers: Map<string, number>;
  /** Every queue some BullMQ client names (workers, QueueEvents): a cheap hint of queues to look for. */
  named: Set<string>;
}

/**
 * Reads the connections BullMQ names after their queue (`<prefix>:<base64 name>`, `…:w:<worker>` for workers,
 * `…:qe` for QueueEvents, as its own getWorkers matches them). One CLIENT LIST serves every queue of a poll;
 * null where CLIENT LIST is refused (some managed Redis services).
 */
export async function readQueueClients(redis: Redis, prefix: string): Promise<QueueClients | null> {
  try {
    return parseQueueClients(String(await redis.client('LIST')), prefix);
  } catch {
    return null;
  }
}

/** The queues named in CLIENT LIST's text, and how many workers each has. */
export function parseQueueClients(list: string, prefix: string): QueueClients {
  const workers = new Map<string, number>();
  const named = new Set<string>();
  const head = `${prefix}:`;
  for (const line of list.split(/\r?\n/)) {
    const name = / name=(\S*)/.exec(line)?.[1];
    if (!name?.startsWith(head)) continue;
    const [encoded = '', kind, ...rest] = name.slice(head.length).split(':');
    const queue = Buffer.from(encoded, 'base64').toString('utf8');
    if (!queue || Buffer.from(queue).toString('base64') !== encoded) continue; // not a base64 queue name
    named.add(queue);
    const isWorker = kind === undefined || (kind === 'w' && rest.length > 0);
    if (isWorker) workers.set(queue, (workers.get(queue) ?? 0) + 1);
  }
  return { workers, named };
}
