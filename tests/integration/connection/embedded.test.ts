import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import { isAlive, waitUntil } from '../../helpers/process-alive';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'qd-embedded-'));
}

async function ok<T>(host: CoreHost, method: string, params: unknown = {}): Promise<T> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

describe('embedded Redis', () => {
  it('starts on loopback, answers, and leaves no redis-server behind when closed', async () => {
    const host = new CoreHost({ dataDir: tempDir() });
    const status = await ok<{ state: string; mode: string; url: string }>(host, 'connection.connect', {
      mode: 'embedded',
    });
    expect(status).toMatchObject({ state: 'connected', mode: 'embedded' });
    expect(status.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const info = await ok<{ pid: number; version: string }>(host, 'server.info');
    expect(isAlive(info.pid)).toBe(true);
    await host.close();
    await waitUntil(() => !isAlive(info.pid), 5000);
  });

  it('disconnecting leaves the embedded server running; closing the app stops it', async () => {
    const host = new CoreHost({ dataDir: tempDir() });
    await ok(host, 'connection.connect', { mode: 'embedded' });
    const first = await ok<{ pid: number }>(host, 'server.info');
    await ok(host, 'connection.disconnect');
    const r = await host.call('server.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    expect(isAlive(first.pid)).toBe(true);
    await ok(host, 'connection.connect', { mode: 'embedded' });
    expect((await ok<{ pid: number }>(host, 'server.info')).pid).toBe(first.pid);
    await host.close();
    await waitUntil(() => !isAlive(first.pid), 5000);
  });

  it('keeps keys across an app restart by default (persist omitted)', async () => {
    const dataDir = tempDir();
    const first = new CoreHost({ dataDir });
    await ok(first, 'connection.connect', { mode: 'embedded' });
    const redis = first.connection.client();
    await redis.set('qd:persist:a', 'kept');
    await redis.hset('qd:persist:h', { f: 'v' });
    await redis.set('qd:persist:ttl', 'x', 'EX', 3600);
    await first.close();

    const second = new CoreHost({ dataDir });
    const status = await ok<{ persist: boolean }>(second, 'connection.connect', { mode: 'embedded' });
    expect(status.persist).toBe(true);
    const again = second.connection.client();
    expect(await again.get('qd:persist:a')).toBe('kept');
    expect(await again.hget('qd:persist:h', 'f')).toBe('v');
    expect(await again.ttl('qd:persist:ttl')).toBeGreaterThan(3000);
    await second.close();

    // Scratch (persist: false) starts empty, in memory, on the same data folder.
    const third = new CoreHost({ dataDir });
    await ok(third, 'connection.connect', { mode: 'embedded', persist: false });
    expect(await third.connection.client().get('qd:persist:a')).toBeNull();
    await third.close();
  });
});
