import { utilityProcess } from 'electron';
import type { ForkFn } from '../core/supervisor/fork';

/**
 * The supervisor's fork function in the desktop app: Electron's utilityProcess (a Node child that Electron
 * manages and ends with the app). The child talks through `process.parentPort` (see processes/parent-port.ts).
 */
export const utilityFork: ForkFn = (modulePath, options) => {
  const env = Object.fromEntries(
    Object.entries(options.env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const child = utilityProcess.fork(modulePath, [], {
    env,
    execArgv: options.execArgv,
    serviceName: options.serviceName,
    stdio: 'pipe',
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (!exited) child.postMessage(message);
    },
    kill: (signal = 'SIGTERM') => {
      if (exited) return;
      // utilityProcess.kill() only asks politely; a hard kill goes through the OS.
      if (signal === 'SIGKILL' && child.pid) process.kill(child.pid, 'SIGKILL');
      else child.kill();
    },
    onMessage: (listener) => child.on('message', listener),
    // Electron reports only the exit code; a signal shows as a non-zero code.
    onExit: (listener) => child.on('exit', (code) => listener(code, null)),
    onOutput: (listener) => {
      child.stdout?.on('data', (d: Buffer) => listener('stdout', d.toString()));
      child.stderr?.on('data', (d: Buffer) => listener('stderr', d.toString()));
    },
  };
};
