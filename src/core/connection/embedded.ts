import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseInfo } from './info';
import { obtainRedisBinary } from './obtain-binary';
import { startRedisProcess } from './redis-process';

export interface EmbeddedRedis {
  host: string;
  port: number;
  pid: number | undefined;
  persist: boolean;
  /** Keys in all databases, asked over a short-lived connection of its own. */
  keyCount(): Promise<number>;
  /** Deletes every key (FLUSHALL; with persistence the AOF records it, so they are gone from disk too). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  persist: boolean;
  /** The app's data folder; persistence keeps its files under `redis/` there. */
  dataDir: string;
  /** Says what a slow first start is doing (building Redis), for the status line. */
  onNote?(note: string): void;
}

/**
 * No output-buffer limit for pub/sub clients: the default (32 MB, or 8 MB for 60 s) makes the server cut the
 * console's subscriber off during a burst at full publishing rate, losing messages uncounted. The subscriber
 * drains at line rate, so the server's buffer for it only holds a short burst.
 */
export const EMBEDDED_PUBSUB_ARGS = ['--client-output-buffer-limit', 'pubsub', '0', '0', '0'];

/** Starts a private redis-server on 127.0.0.1 and a free port. */
export async function startEmbeddedRedis(opts: EmbeddedOptions): Promise<EmbeddedRedis> {
  const args: string[] = [...EMBEDDED_PUBSUB_ARGS];
  if (opts.persist) {
    const dir = join(opts.dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    // AOF with fsync every second: a crash loses at most a second, a clean stop nothing.
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '300 1');
  } else {
    args.push('--save', '', '--appendonly', 'no');
  }
  const binary = await obtainRedisBinary(opts.onNote);
  const server = await startRedisProcess(binary, args);
  const admin = async <T>(fn: (r: Redis) => Promise<T>): Promise<T> => {
    const r = new Redis({ host: server.host, port: server.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return await fn(r);
    } finally {
      r.disconnect();
    }
  };
  return {
    host: server.host,
    port: server.port,
    pid: server.pid,
    persist: opts.persist,
    keyCount: () =>
      admin(async (r) => {
        const { keyspace } = parseInfo(await r.info('keyspace'));
        return Object.values(keyspace).reduce((n, db) => n + db.keys, 0);
      }),
    flush: () => admin(async (r) => void (await r.flushall())),
    stop: () => server.stop(),
  };
}
