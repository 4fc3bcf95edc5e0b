/** bench:analyze's dataset and its baseline, `redis-cli --memkeys`. */
import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';
import { findOnPath } from '../src/core/connection/find-binary';

const BATCH = 10_000;

/** n keys of five types (a third with a TTL of 10 min or more), plus 5 hashes of 100k fields. */
export async function loadDataset(redis: Redis, n: number): Promise<void> {
  for (let i = 0; i < n; i += BATCH) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const key = `app:${j % 13}:${j % 97}:${j}`;
      switch (j % 5) {
        case 0:
          p.hset(key, 'f', 'v', 'g', String(j));
          break;
        case 1:
          p.rpush(key, 'a', 'b', 'c');
          break;
        case 2:
          p.sadd(key, 'a', 'b');
          break;
        case 3:
          p.zadd(key, 1, 'a', 2, 'b');
          break;
        default:
          p.set(key, `value-${j}`);
      }
      if (j % 3 === 0) p.pexpire(key, 600_000 + (j % 5_000) * 60_000);
    }
    await p.exec();
  }
  // A few big collections, so the top lists and MEMORY USAGE sampling have something to find.
  for (let b = 0; b < 5; b++) {
    const p = redis.pipeline();
    for (let i = 0; i < 100_000; i += 1000)
      p.hset(`big:${b}`, ...Array.from({ length: 1000 }, (_, k) => [`f${i + k}`, `v${i + k}`]).flat());
    await p.exec();
  }
}

export interface MemkeysResult {
  sampled: number;
  /** redis-cli's own CPU time (user + system, ms), by /usr/bin/time. */
  cliCpuMs: number;
  /** Per type ("hash", "list", …): keys and MEMORY USAGE bytes, as redis-cli summed them. */
  byType: Map<string, { keys: number; bytes: number }>;
}

/** `redis-cli --memkeys`: SCAN, then TYPE and MEMORY USAGE of every key (pipelined per SCAN page). */
export function memkeys(port: number): Promise<MemkeysResult> {
  const cli = findOnPath('redis-cli');
  if (!cli) throw new Error('redis-cli not found (apt-get install redis-tools)');
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/time', ['-f', 'cpu %U %S', cli, '-p', String(port), '--memkeys'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`redis-cli exited ${code}: ${err}`));
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(err);
      const byType = new Map<string, { keys: number; bytes: number }>();
      // "200000 zsets with 20311424 bytes (20.00% of keys, …)"; redis-cli spells the plural "hashs".
      for (const m of out.matchAll(/^(\d+) (\w+?)s with (\d+) bytes/gm))
        byType.set(m[2]!, { keys: Number(m[1]), bytes: Number(m[3]) });
      resolve({
        sampled: Number(/Sampled (\d+) keys/.exec(out)?.[1] ?? NaN),
        cliCpuMs: Math.round((Number(cpu?.[1]) + Number(cpu?.[2])) * 1000),
        byType,
      });
    });
  });
}
