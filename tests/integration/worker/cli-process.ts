import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

// The built CLI (npm test builds first), the way a user runs workers and beat on another machine.
const ROOT = resolve(import.meta.dirname, '../../..');

export interface Cli {
  proc: ChildProcess;
  /** Its stdout and stderr so far, interleaved. */
  output(): string;
  exit: Promise<number | null>;
}

/** `queuedesk <args>` as a child process, from the repository's folder; `env` is added to the test's. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Cli {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/queuedesk.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, output: () => out, exit };
}
