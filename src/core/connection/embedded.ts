import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createClient } from './client-factory';
import { parseInfo } from './info';
import { obtainRedisBinary } from './obtain-binary';
import { freeLoopbackPort, startRedisProcess, type RedisProcess } from './redis-process';
import { traceStop } from '../stop-trace';
import { forgetEmbedded, recordEmbedded, shutDownStaleEmbedded } from './stale-embedded';

export interface EmbeddedRedis {
  host: string;
  port: number;
  /** The running server's pid; a new one after a restart. */
  readonly pid: number | undefined;
  /** Times the server died on its own (kill -9, OOM) and was started again on the same port. */
  readonly restarts: number;
  persist: boolean;
  /** Keys in all databases, asked over a short-lived connection of its own. */
  keyCount(): Promise<number>;
  /** Deletes every key (FLUSHALL; with persistence the AOF records it, so they are gone from disk too). */
  flush(): Promise<void>;
  /** SIGTERM (Redis syncs its AOF and exits), SIGKILL after `graceMs` (10 s by default). */
  stop(graceMs?: number): Promise<void>;
}

export interface EmbeddedOptions {
  persist: boolean;
  /** The app's data folder; persistence keeps its files under `redis/` there. */
  dataDir: string;
  /** Says what a slow first start is doing (building Redis), for the status line. */
  onNote?(note: string): void;
  /** Not this port (the one a restart leaves): clients of the old server must see a different one. */
  avoidPort?: number;
}

/**
 * No output-buffer limit for pub/sub clients: the default (32 MB, or 8 MB for 60 s) makes the server cut the
 * console's subscriber off during a burst at full publishing rate, losing messages uncounted. The subscriber
 * drains at line rate, so the server's buffer for it only holds a short burst.
 */
export const EMBEDDED_PUBSUB_ARGS = ['--client-output-buffer-limit', 'pubsub', '0', '0', '0'];

/** Back-off between attempts to bring a dead server back; after the last one it stays down. */
const RESTART_DELAYS_MS = [0, 250, 500, 1000, 2000, 4000, 8000];

/**
 * Starts a private redis-server on 127.0.0.1 and a free port, and keeps it up: when it dies on its own it is
 * started again on the same port (and files), so every client of it (the app's, the subscriber, workers)
 * reconnects by itself, as to an external server that restarted.
 */
export async function startEmbeddedRedis(opts: EmbeddedOptions): Promise<EmbeddedRedis> {
  const args: string[] = [...EMBEDDED_PUBSUB_ARGS];
  const dir = opts.persist ? join(opts.dataDir, 'redis') : null;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    // AOF, fsync every second. Redis writes the AOF before it replies, so a crash of the app or of Redis itself
    // (kill -9) loses no acknowledged write; only an OS crash or power cut can lose the last ~1-2 s.
    // No RDB save points: with AOF on Redis restarts from the AOF and never reads dump.rdb, yet a save point makes
    // every stop write a full RDB first (8 s for 2M keys on a loaded 2-core box), so Ctrl-C hung on big data.
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '');
  } else {
    args.push('--save', '', '--appendonly', 'no');
  }
  const binary = await obtainRedisBinary(opts.onNote);
  let server: RedisProcess;
  let stopping = false;
  let restarts = 0;
  /** A revive in progress: a stop waits for it, so a server it starts is stopped too, never left running. */
  let reviving: Promise<void> | null = null;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const launch = async (port?: number): Promise<RedisProcess> => {
    if (dir) await shutDownStaleEmbedded(dir);
    const started = await startRedisProcess(binary, args, port);
    if (dir) recordEmbedded(dir, started.pid, started.port);
    server = started;
    started.onUnexpectedExit(() => {
      reviving = revive(started).finally(() => (reviving = null));
    });
    return started;
  };
  const revive = async (dead: RedisProcess): Promise<void> => {
    traceStop(`redis-server ${dead.pid} exited unexpectedly${stopping ? '' : ': starting it again'}`);
    await dead.stop(); // already gone: this ends its watchdog
    for (const delay of RESTART_DELAYS_MS) {
      if (delay) await Promise.race([stopped, new Promise((r) => setTimeout(r, delay))]);
      if (stopping) return;
      try {
        const again = await launch(dead.port);
        restarts++;
        if (stopping) await again.stop(); // stopped while it was starting
        return;
      } catch {
        // the port is taken or the binary fails: try again after the next delay
      }
    }
  };
  const first = await launch(await portOtherThan(opts.avoidPort));
  const admin = async <T>(fn: (r: Redis) => Promise<T>): Promise<T> => {
    // A probe, except that it keeps ioredis' reconnect rule while the server restarts under it.
    const r = createClient({ host: first.host, port: first.port }, 'probe', undefined, {
      retryStrategy: undefined,
    });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return await fn(r);
    } finally {
      r.disconnect();
    }
  };
  return {
    host: first.host,
    port: first.port,
    get pid() {
      return server.pid;
    },
    get restarts() {
      return restarts;
    },
    persist: opts.persist,
    keyCount: () =>
      admin(async (r) => {
        const { keyspace } = parseInfo(await r.info('keyspace'));
        return Object.values(keyspace).reduce((n, db) => n + db.keys, 0);
      }),
    flush: () => admin(async (r) => void (await r.flushall())),
    stop: async (graceMs) => {
      stopping = true;
      wake();
      await reviving;
      await server.stop(graceMs);
      if (dir) forgetEmbedded(dir);
    },
  };
}

async function portOtherThan(avoid: number | undefined): Promise<number | undefined> {
  if (avoid === undefined) return undefined;
  for (;;) {
    const port = await freeLoopbackPort();
    if (port !== avoid) return port;
  }
}
