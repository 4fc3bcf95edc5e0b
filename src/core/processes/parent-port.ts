import type { FromChild, ToChild } from './messages';
import { isToChild } from './messages';

/** Electron's utility processes talk through `process.parentPort`; child_process.fork children through IPC. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

export interface ParentPort {
  send(message: FromChild): void;
  onMessage(listener: (message: ToChild) => void): void;
}

/** The channel to the supervisor, whichever way this process was forked; null when run directly (CLI). */
export function parentPort(): ParentPort | null {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      onMessage: (fn) => electronPort.on('message', (e) => isToChild(e.data) && fn(e.data)),
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (m) => {
        if (process.connected) process.send?.(m);
      },
      onMessage: (fn) => process.on('message', (m) => isToChild(m) && fn(m)),
    };
  }
  return null;
}
