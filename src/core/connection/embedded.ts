import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { obtainRedisBinary } from './obtain-binary';
import { startRedisProcess } from './redis-process';

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
  /** Says what a slow first start is doing (building Redis), for the status line. */
  onNote?(note: string): void;
}

/** Starts a private redis-server on 127.0.0.1 and a free port. */
export async function startEmbeddedRedis(opts: EmbeddedOptions): Promise<EmbeddedRedis> {
  const args: string[] = [];
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
  return { host: server.host, port: server.port, pid: server.pid, stop: () => server.stop() };
}
