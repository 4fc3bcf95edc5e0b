import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/celery');
/** Debian's python3 sees python3-celery; the first python3 on PATH may not. */
export const PYTHON = '/usr/bin/python3';

export interface CeleryWorker {
  proc: ChildProcess;
  node: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Celery 5.2 worker (prefork, events on) on the fixtures' tasks module; resolves once it is ready. `env`
 * tunes the app (QD_RESULT_EXTENDED=0: results without name and args, Celery's default).
 */
export async function startCeleryWorker(
  redisUrl: string,
  queues: string[],
  node = 'w1@qd',
  env: Record<string, string> = {},
): Promise<CeleryWorker> {
  const proc = spawn(
    PYTHON,
    [
      '-m',
      'celery',
      '-A',
      'qd_tasks',
      'worker',
      '-P',
      'prefork',
      '-c',
      '2',
      '-E',
      '-Q',
      queues.join(','),
      '-n',
      node,
      '--loglevel=INFO',
      '--without-mingle',
      '--without-gossip',
    ],
    {
      cwd: FIXTURES,
      env: { ...process.env, ...env, QD_REDIS_URL: redisUrl, PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = (chunk: Buffer): void => void (log += chunk.toString());
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  // Looked for only until found: a regex over the whole growing log at every chunk made a 5,000-task run allocate
  // gigabytes in the benchmark's own process, whose RSS it reports.
  await new Promise<void>((resolveReady, reject) => {
    const onData = (): void => {
      if (!/ ready\.?/.test(log)) return;
      proc.stdout?.off('data', onData);
      proc.stderr?.off('data', onData);
      resolveReady();
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`celery worker exited (${code}) before ready:\n${log}`)));
  });
  return {
    proc,
    node,
    output: () => log,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs the fixtures' send.py (tasks sent by Python's own apply_async) and returns what it printed. */
export async function pythonSend<T>(redisUrl: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(PYTHON, ['send.py', ...args], {
    cwd: FIXTURES,
    env: { ...process.env, QD_REDIS_URL: redisUrl },
    maxBuffer: 10_000_000,
  });
  return JSON.parse(stdout) as T;
}
