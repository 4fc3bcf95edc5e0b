import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RedisMemoryServer } from 'redis-memory-server';
import { findRedisServerBinary } from './find-binary';

export interface EmbeddedRedis {
  host: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  persist: boolean;
  /** The app's data folder; persistence keeps its files under `redis/` there. */
  dataDir: string;
}

/** Starts a private redis-server on 127.0.0.1 and a free port. */
export async function startEmbeddedRedis(opts: EmbeddedOptions): Promise<EmbeddedRedis> {
  const args: string[] = [];
  if (opts.persist) {
    const dir = join(opts.dataDir, 'redis');
    mkdirSync(dir, { recursive: true });
    // AOF with fsync every second: a crash loses at most a second, a clean stop nothing.
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '300 1');
  }
  const systemBinary = findRedisServerBinary();
  const server = await RedisMemoryServer.create({
    instance: { ip: '127.0.0.1', args },
    binary: systemBinary ? { systemBinary } : undefined,
  });
  const info = await server.ensureInstance();
  return {
    host: info.ip,
    port: info.port,
    pid: info.childProcess?.pid,
    stop: async () => {
      await server.stop();
    },
  };
}
