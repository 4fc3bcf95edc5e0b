import { fork as childFork, type ChildProcess } from 'node:child_process';
import type { ToChild } from '../processes/messages';

/** A forked child as the supervisor sees it, whichever API forked it. */
export interface ForkedChild {
  readonly pid: number | undefined;
  send(message: ToChild): void;
  /** SIGKILL ends it at once; anything else asks it to stop. */
  kill(signal?: NodeJS.Signals): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  onOutput(listener: (stream: 'stdout' | 'stderr', text: string) => void): void;
}

export interface ForkOptions {
  env: NodeJS.ProcessEnv;
  execArgv: string[];
  /** Shown by the OS / Electron's task manager. */
  serviceName: string;
}

/** `child_process.fork` in serve mode, the CLI and tests; src/main/fork.ts adapts Electron's utilityProcess. */
export type ForkFn = (modulePath: string, options: ForkOptions) => ForkedChild;

const live = new Set<ChildProcess>();
let exitHookSet = false;

/** Whatever way this process ends (a forced exit after a stuck close included), its children end with it. */
function killChildrenOnExit(): void {
  if (exitHookSet) return;
  exitHookSet = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export const nodeFork: ForkFn = (modulePath, options) => {
  killChildrenOnExit();
  const child = childFork(modulePath, [], {
    env: options.env,
    execArgv: options.execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  child.on('error', () => undefined); // spawn failures also end in 'exit'
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    onOutput: (listener) => {
      child.stdout?.on('data', (d: Buffer) => listener('stdout', d.toString()));
      child.stderr?.on('data', (d: Buffer) => listener('stderr', d.toString()));
    },
  };
};
