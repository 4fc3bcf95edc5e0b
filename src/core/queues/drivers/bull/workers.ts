import type Bull from 'bull';
import type { Redis } from 'ioredis';
import type { WorkerSummary } from '../../../../shared/contract/queues';

/** A Bull worker names its blocking connection `<prefix>:<base64 queue name>` (Queue#clientName). */
function clientName(prefix: string, queue: string): string {
  return `${prefix}:${Buffer.from(queue).toString('base64')}`;
}

/** Workers per queue from one CLIENT LIST; null where CLIENT LIST is refused (some managed Redis services). */
export async function countBullWorkers(
  redis: Redis,
  prefix: string,
  queues: string[],
): Promise<Map<string, number> | null> {
  let list: string;
  try {
    list = String(await redis.client('LIST'));
  } catch {
    return null;
  }
  const names = [...list.matchAll(/ name=(\S+)/g)].map((m) => m[1] as string);
  return new Map(queues.map((q) => [q, names.filter((n) => n === clientName(prefix, q)).length]));
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
