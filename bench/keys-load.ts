import type { ChainableCommander } from 'ioredis';

/** Key `j` of the keys benches: mixed types (6 in 10 strings, hashes, lists, sets, zsets, some streams). */
export function keyName(j: number): string {
  return `bench:${j % 97}:${j}`;
}

/** Queues the commands that write key `j` (and, for every other key, a TTL) on a pipeline. */
export function addKey(p: ChainableCommander, j: number): void {
  const key = keyName(j);
  switch (j % 10) {
    case 6:
      p.hset(key, 'f', 'v', 'g', 'w');
      break;
    case 7:
      p.rpush(key, 'a', 'b');
      break;
    case 8:
      p.sadd(key, 'a', 'b');
      break;
    case 9:
      if (j % 100 === 99) p.xadd(key, '*', 'f', 'v');
      else p.zadd(key, 1, 'a');
      break;
    default:
      p.set(key, 'value');
  }
  if (j % 2 === 0) p.pexpire(key, 3_600_000 + j);
}
