import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, EmbeddedState } from '../../../src/shared/contract';
import { isAlive } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

let other: TestRedis;
let host: CoreHost;

beforeAll(async () => {
  other = await startTestRedis(['--requirepass', 'right']);
});
afterAll(() => other.stop());
afterEach(() => host.close());

async function ok<T>(method: string, params: unknown = {}): Promise<T> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** An embedded Redis holding `n` keys, as the app would be after some work. */
async function embeddedWith(n: number, persist?: boolean): Promise<number> {
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-switch-')) });
  await ok('connection.connect', { mode: 'embedded', ...(persist === undefined ? {} : { persist }) });
  const pipe = host.connection.client().pipeline();
  for (let i = 0; i < n; i++) pipe.set(`qd:kept:${i}`, i);
  await pipe.exec();
  return (await ok<{ pid: number }>('server.info')).pid;
}

describe('switching connections never destroys data', () => {
  it('a failed attempt (wrong password) keeps the current connection exactly as it was', async () => {
    const pid = await embeddedWith(50);
    const before = host.connection.status();
    const r = await host.call('connection.connect', { mode: 'url', url: other.url, password: 'wrong' });
    expect(r).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    expect(host.connection.status()).toEqual(before);
    expect(await host.connection.client().dbsize()).toBe(50);
    expect((await ok<{ pid: number }>('server.info')).pid).toBe(pid);
  });

  it('switching to a URL leaves the embedded server running, and switching back finds its keys', async () => {
    const pid = await embeddedWith(30, false);
    await ok('connection.connect', { mode: 'url', url: other.url, password: 'right' });
    expect(host.connection.status()).toMatchObject({ state: 'connected', mode: 'url' });
    expect(isAlive(pid)).toBe(true);
    expect(await ok<EmbeddedState>('connection.embedded')).toMatchObject({ running: true, keys: 30, pid });
    const back = await ok<ConnectionStatus>('connection.connect', { mode: 'embedded', persist: false });
    expect(back).toMatchObject({ state: 'connected', mode: 'embedded' });
    expect(await host.connection.client().dbsize()).toBe(30);
    expect((await ok<{ pid: number }>('server.info')).pid).toBe(pid);
  });

  it('restarting a scratch server with keys needs confirm equal to its key count', async () => {
    const pid = await embeddedWith(20, false);
    for (const confirm of [undefined, 19]) {
      const r = await host.call('connection.connect', {
        mode: 'embedded',
        persist: false,
        restart: true,
        confirm,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
      if (!r.ok) expect(r.error.message).toMatch(/20 keys/);
    }
    expect((await ok<{ pid: number }>('server.info')).pid).toBe(pid);
    expect(await host.connection.client().dbsize()).toBe(20);
    // Turning persistence on means a new server: the scratch keys would go, so that asks too.
    const r = await host.call('connection.connect', { mode: 'embedded', persist: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    await ok('connection.connect', { mode: 'embedded', persist: false, restart: true, confirm: 20 });
    expect((await ok<{ pid: number }>('server.info')).pid).not.toBe(pid);
    expect(await host.connection.client().dbsize()).toBe(0);
  });

  it('restarting a persistent server keeps its keys; resetting it needs the count', async () => {
    const pid = await embeddedWith(10);
    await ok('connection.connect', { mode: 'embedded', restart: true });
    expect((await ok<{ pid: number }>('server.info')).pid).not.toBe(pid);
    expect(await host.connection.client().dbsize()).toBe(10);
    const refused = await host.call('connection.connect', { mode: 'embedded', reset: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(await host.connection.client().dbsize()).toBe(10);
    await ok('connection.connect', { mode: 'embedded', reset: true, confirm: 10 });
    expect(await host.connection.client().dbsize()).toBe(0);
  });
});
