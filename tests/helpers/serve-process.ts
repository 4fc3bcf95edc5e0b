import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LAST_RESORT_MARK } from '../../src/cli/last-resort';

export interface ServeProcess {
  proc: ChildProcess;
  pageUrl: string;
  apiUrl: string;
  token: string;
  port: number;
  dataDir: string;
  output(): string;
  /**
   * Sends the signal and waits for the process to exit; returns its exit code. Throws if serve's last-resort
   * guard caught an error meanwhile: it kept serve up, but it is a bug the test must not pass over.
   */
  stop(signal?: NodeJS.Signals, to?: 'process' | 'group'): Promise<number | null>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the built `queuedesk serve` as a separate process, the way a user does; needs `npm run build` first. */
export async function startServeProcess(
  args: string[] = [],
  opts: {
    dataDir?: string;
    env?: NodeJS.ProcessEnv;
    nodeArgs?: string[];
    /** Its own process group, as a shell gives a command: Ctrl-C signals the whole group at once. */
    detached?: boolean;
  } = {},
): Promise<ServeProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'qd-data-'));
  const proc = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      join(ROOT, 'bin/queuedesk.js'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: opts.detached ?? false,
    },
  );
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const line = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    const check = (): void => {
      const m = /QueueDesk serving at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1] as string);
      }
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
  const url = new URL(line);
  const token = url.searchParams.get('token') ?? '';
  return {
    proc,
    pageUrl: line,
    apiUrl: `ws://${url.host}/api?token=${token}`,
    token,
    port: Number(url.port),
    dataDir,
    output: () => out,
    async stop(signal = 'SIGTERM', to = 'process') {
      const code = await new Promise<number | null>((resolvePromise) => {
        if (proc.exitCode !== null) return resolvePromise(proc.exitCode);
        proc.once('exit', (c) => resolvePromise(c));
        // The group, as a terminal's Ctrl-C does: the app's children get the signal from it too.
        if (to === 'group') process.kill(-(proc.pid as number), signal);
        else proc.kill(signal);
      });
      const at = out.indexOf(LAST_RESORT_MARK);
      if (at >= 0) throw new Error(`serve hid an error from this test:\n${out.slice(at, at + 2000)}`);
      return code;
    },
  };
}
