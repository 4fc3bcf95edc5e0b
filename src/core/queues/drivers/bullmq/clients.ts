import { serversOf, type AnyRedis } from '../../../connection/any-redis';

export interface QueueClients {
  /** Workers per queue name. */
  workers: Map<string, number>;
  /** Every queue some BullMQ client names (workers, QueueEvents): a cheap hint of queues to look for. */
  named: Set<string>;
}

/**
 * Reads the connections BullMQ names after their queue (`<prefix>:<base64 name>`, `…:w:<worker>` for workers,
 * `…:qe` for QueueEvents, as its own getWorkers matches them). One CLIENT LIST serves every queue of a poll;
 * null where CLIENT LIST is refused (some managed Redis services). On a cluster every primary is asked and a
 * queue's workers are counted on the node that sees most of them, as BullMQ's getWorkers does.
 */
export async function readQueueClients(redis: AnyRedis, prefix: string): Promise<QueueClients | null> {
  try {
    const lists = await clientLists(redis);
    const parsed = lists.map((list) => parseQueueClients(list, prefix));
    if (parsed.length === 1) return parsed[0]!;
    const merged: QueueClients = { workers: new Map(), named: new Set() };
    for (const { workers, named } of parsed) {
      for (const queue of named) merged.named.add(queue);
      for (const [queue, n] of workers)
        merged.workers.set(queue, Math.max(n, merged.workers.get(queue) ?? 0));
    }
    return merged;
  } catch {
    return null;
  }
}

/** CLIENT LIST of the server, or of every primary of a cluster (a client is listed by the node it talks to). */
export async function clientLists(redis: AnyRedis): Promise<string[]> {
  return Promise.all((await serversOf(redis)).map(async (server) => String(await server.client('LIST'))));
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
