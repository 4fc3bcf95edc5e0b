import type Bull from 'bull';
import type { Redis } from 'ioredis';
import type { WorkerSummary } from '../../../../shared/contract/queues';

/** A Bull worker names its blocking connection `<prefix>:<base64 queue name>` (Queue#clientName). */
function clientName(prefix: string, queue: string): string {
  return `${prefix}:${Buffer.from(queue).toString('base64')}`;
}

/**
 * Workers per queue name from one CLIENT LIST (every queue a Bull worker names, not only known ones); null where
 * CLIENT LIST is refused (some managed Redis services).
 */
export async function readBullWorkers(redis: Redis, prefix: string): Promise<Map<string, number> | null> {
  let list: string;
  try {
    list = String(await redis.client('LIST'));
  } catch {
    return null;
  }
  const head = `${prefix}:`;
  const workers = new Map<string, number>();
  for (const [, name = ''] of list.matchAll(/ name=(\S+)/g)) {
    if (!name.startsWith(head)) continue;
    const encoded = name.slice(head.length);
    const queue = Buffer.from(encoded, 'base64').toString('utf8');
    if (!queue || clientName(prefix, queue) !== name) continue; // not `<prefix>:<base64 name>` exactly
    workers.set(queue, (workers.get(queue) ?? 0) + 1);
  }
  return workers;
}

/** The queue's workers as Bull's own getWorkers reads them. */
export async function listBullWorkers(queue: Bull.Queue): Promise<WorkerSummary[]> {
  const clients = (await queue.getWorkers()) ?? [];
  return clients.map((c) => ({
    name: c.name ?? queue.name,
    addr: c.addr ?? '',
    ageSec: Number(c.age ?? 0),
    idleSec: Number(c.idle ?? 0),
  }));
}
