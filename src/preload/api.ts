import { EVENT_CHANNEL, METHOD_NAMES } from '../shared/contract';
import type { QueueDeskBridge } from '../shared/bridge';

/** The slice of ipcRenderer the preload uses; tests pass a stand-in. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

/** Builds `window.queuedesk` from the contract's method list: a function per method, and `on` for events. */
export function buildBridge(ipc: IpcRendererLike): QueueDeskBridge {
  const api: Record<string, Record<string, (params: unknown) => Promise<unknown>> | unknown> = {};
  for (const method of METHOD_NAMES) {
    const [ns, member] = method.split('.') as [string, string];
    const group = (api[ns] ??= {}) as Record<string, (params: unknown) => Promise<unknown>>;
    group[member] = (params: unknown) => ipc.invoke(method, params ?? {});
  }
  api.on = (event: string, listener: (data: unknown) => void) => {
    const wrapped = (_e: unknown, name: unknown, data: unknown): void => {
      if (name === event) listener(data);
    };
    ipc.on(EVENT_CHANNEL, wrapped as (event: unknown, ...args: unknown[]) => void);
    return () => ipc.removeListener(EVENT_CHANNEL, wrapped as (event: unknown, ...args: unknown[]) => void);
  };
  return api as unknown as QueueDeskBridge;
}
