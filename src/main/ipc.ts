import { EVENT_CHANNEL, METHOD_NAMES } from '../shared/contract';
import type { CoreHost } from '../core/host';

/** The slice of Electron's ipcMain that the binding uses; tests pass a stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  sender: { id: number };
  senderFrame?: { url: string } | null;
}

export interface WebContentsLike {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Binds every contract method to `ipcMain.handle` under its own name. Calls from any webContents other than
 * the app's window are refused, so a stray frame or a second window cannot drive Redis.
 */
export function bindContract(
  ipcMain: IpcMainLike,
  host: CoreHost,
  window: () => WebContentsLike | null,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, params) => {
      const own = window();
      if (!own || own.isDestroyed() || event.sender.id !== own.id) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'calls are accepted only from the QueueDesk window' },
        };
      }
      return host.call(method, params);
    });
  }
  const stopEvents = host.onEvent((event, data) => {
    const own = window();
    if (own && !own.isDestroyed()) own.send(EVENT_CHANNEL, event, data);
  });
  return () => {
    stopEvents();
    for (const method of METHOD_NAMES) ipcMain.removeHandler(method);
  };
}
