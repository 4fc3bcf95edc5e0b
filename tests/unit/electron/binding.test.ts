import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, METHOD_NAMES } from '../../../src/shared/contract';
import { CoreHost } from '../../../src/core/host';
import { bindContract, type IpcInvokeEventLike, type IpcMainLike } from '../../../src/main/ipc';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

/** A stand-in for Electron's ipcMain that records what is bound. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const bindCounts = new Map<string, number>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      bindCounts.set(channel, (bindCounts.get(channel) ?? 0) + 1);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipc, handlers, bindCounts };
}

const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-ipc-')) });
afterAll(() => host.close());

describe('Electron IPC binding', () => {
  it('binds every contract method exactly once, and the host has a handler for each', () => {
    const { ipc, bindCounts } = fakeIpcMain();
    bindContract(ipc, host, () => null);
    expect([...bindCounts.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    for (const count of bindCounts.values()) expect(count).toBe(1);
    expect(host.boundMethods().sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('answers the app window and refuses any other sender', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const own = { id: 7, isDestroyed: () => false, send: vi.fn() };
    bindContract(ipc, host, () => own);
    const status = handlers.get('connection.status') as Listener;
    expect(await status({ sender: { id: 7 } }, {})).toMatchObject({
      ok: true,
      data: { state: 'disconnected' },
    });
    expect(await status({ sender: { id: 8 } }, {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'calls are accepted only from the QueueDesk window' },
    });
    // Input is validated on this path too.
    const connect = handlers.get('connection.connect') as Listener;
    expect(await connect({ sender: { id: 7 } }, { mode: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('forwards host events to the window on the one event channel, and unbinds cleanly', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const own = { id: 1, isDestroyed: () => false, send: vi.fn() };
    const unbind = bindContract(ipc, host, () => own);
    await host.call('connection.disconnect', {});
    await host.call('connection.connect', { mode: 'url', url: 'redis://127.0.0.1:1' });
    expect(own.send).toHaveBeenCalledWith(
      EVENT_CHANNEL,
      'connection.changed',
      expect.objectContaining({ mode: 'url' }),
    );
    unbind();
    expect(handlers.size).toBe(0);
  });
});

describe('preload bridge', () => {
  it('exposes exactly the contract methods, grouped by namespace, plus on()', async () => {
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async (channel: string, params: unknown) => ({
      ok: true,
      data: { channel, params },
    }));
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: {
        invoke,
        on: (ch: string, l: (...a: unknown[]) => void) =>
          (listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch))?.add(l),
        removeListener: (ch: string, l: (...a: unknown[]) => void) => listeners.get(ch)?.delete(l),
      },
    }));
    await import('../../../src/preload/index');
    expect(Object.keys(exposed)).toEqual(['queuedesk']);
    const bridge = exposed.queuedesk as Record<
      string,
      Record<string, (p: unknown) => Promise<unknown>> | ((...a: unknown[]) => unknown)
    >;

    const flat: string[] = [];
    for (const [ns, group] of Object.entries(bridge)) {
      if (ns === 'on') continue;
      for (const member of Object.keys(group as object)) flat.push(`${ns}.${member}`);
    }
    expect(flat.sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(bridge).filter((k) => typeof bridge[k] === 'function')).toEqual(['on']);

    const call = (bridge.connection as Record<string, (p: unknown) => Promise<unknown>>).status;
    expect(await call({})).toEqual({ ok: true, data: { channel: 'connection.status', params: {} } });

    const got: unknown[] = [];
    const off = (bridge.on as (e: string, l: (d: unknown) => void) => () => void)('connection.changed', (d) =>
      got.push(d),
    );
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) {
      l({}, 'connection.changed', { state: 'connected' });
      l({}, 'other.event', { no: true });
    }
    expect(got).toEqual([{ state: 'connected' }]);
    off();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });
});
