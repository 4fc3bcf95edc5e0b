import type { Redis } from 'ioredis';

export interface StoredJobs {
  /** BullMQ's id counter: how many jobs were ever added. */
  counter: number;
  waiting: number;
  /** How many of the job hashes 1..counter exist. */
  hashes: number;
}

/** What Redis really holds for a BullMQ queue whose jobs were added with generated ids 1, 2, 3… */
export async function storedJobs(redis: Redis, queue: string, prefix = 'bull'): Promise<StoredJobs> {
  const base = `${prefix}:${queue}`;
  const counter = Number((await redis.get(`${base}:id`)) ?? 0);
  const waiting = await redis.llen(`${base}:wait`);
  let hashes = 0;
  for (let from = 1; from <= counter; from += 5000) {
    const pipe = redis.pipeline();
    for (let id = from; id < Math.min(from + 5000, counter + 1); id++) pipe.exists(`${base}:${id}`);
    for (const [err, n] of (await pipe.exec()) ?? []) if (!err) hashes += n as number;
  }
  return { counter, waiting, hashes };
}
