import type { Redis } from 'ioredis';

/** CONFIG GET pattern as name → value, in the server's order. */
export async function configGet(redis: Redis, pattern: string): Promise<Array<[string, string]>> {
  const flat = (await redis.call('CONFIG', 'GET', pattern)) as string[];
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([String(flat[i]), String(flat[i + 1])]);
  return out;
}

export async function configNumber(redis: Redis, name: string): Promise<number> {
  const [pair] = await configGet(redis, name);
  return pair ? Number(pair[1]) : NaN;
}
