import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const APP = resolve(import.meta.dirname, '../fixtures/bull/video-app.mjs');

export interface BullApp {
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** The legacy Bull app (tests/fixtures/bull/video-app.mjs) in its own process; resolves once it says it is ready. */
export async function startBullApp(redisUrl: string, queue: string, seed = true): Promise<BullApp> {
  const proc = spawn(process.execPath, [APP], {
    env: { ...process.env, REDIS_URL: redisUrl, QUEUE: queue, SEED: seed ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  await new Promise<void>((ready, reject) => {
    const keep = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes('bull app ready')) ready();
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    void exited.then(() => reject(new Error(`the Bull app exited: ${log}`)));
  });
  return {
    proc,
    output: () => log,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
