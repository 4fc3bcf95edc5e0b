import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { CoreHost } from '../../../src/core/host';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis } from '../../helpers/redis-server';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('URL connection', () => {
  it('survives the server dying and recovers by itself when it comes back', async () => {
    const redis = await startTestRedis();
    const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-url-')) });
    cleanups.push(
      () => redis.stop(),
      () => host.close(),
    );
    const seen: ConnectionStatus[] = [];
    host.onEvent((event, data) => {
      if (event === 'connection.changed') seen.push(data as ConnectionStatus);
    });

    const status = await host.call('connection.connect', { mode: 'url', url: redis.url });
    expect(status).toMatchObject({ ok: true, data: { state: 'connected', mode: 'url' } });
    await host.connection.client().set('k', 'v');

    const beforeKill = seen.length;
    await redis.kill();
    await waitUntil(() => seen.slice(beforeKill).some((s) => s.state === 'connecting'), 5000);
    // Calls fail with a clear code while Redis is away; nothing throws out of the host.
    const during = await host.call('server.info', {});
    expect(during).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    expect((await host.call('connection.status', {})) as { data: ConnectionStatus }).toMatchObject({
      data: { state: 'connecting' },
    });

    await redis.restart();
    await waitUntil(() => host.connection.status().state === 'connected', 10_000);
    const after = await host.call('server.info', {});
    expect(after.ok).toBe(true);
    const states = seen.slice(beforeKill).map((s) => s.state);
    expect(states[0]).toBe('connecting');
    expect(states.at(-1)).toBe('connected');
  });

  it('reports a clear error for a server that is not there, and keeps no half-open state', async () => {
    const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-url-')) });
    cleanups.push(() => host.close());
    const r = await host.call('connection.connect', { mode: 'url', url: 'redis://127.0.0.1:1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    if (!r.ok) expect(r.error.message).toMatch(/ECONNREFUSED/);
    expect((await host.call('connection.status', {})) as { data: ConnectionStatus }).toMatchObject({
      data: { state: 'error' },
    });
    const tested = await host.call('connection.test', { mode: 'url', url: 'redis://127.0.0.1:1' });
    expect(tested).toMatchObject({ ok: true, data: { ok: false } });
  });

  it('uses password, ACL user and db index', async () => {
    const redis = await startTestRedis(['--requirepass', 'topsecret']);
    cleanups.push(() => redis.stop());
    const admin = redis.client({ password: 'topsecret' });
    await admin.call('ACL', 'SETUSER', 'app', 'on', '>apppass', '~*', '+@all');
    const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-url-')) });
    cleanups.push(() => host.close());

    const noAuth = await host.call('connection.connect', { mode: 'url', url: redis.url });
    expect(noAuth.ok).toBe(false);

    const r = await host.call('connection.connect', {
      mode: 'url',
      url: redis.url,
      username: 'app',
      password: 'apppass',
      db: 5,
    });
    expect(r).toMatchObject({ ok: true, data: { state: 'connected', db: 5 } });
    await host.connection.client().set('in-db-5', '1');
    await admin.select(5);
    expect(await admin.get('in-db-5')).toBe('1');
    // The password never comes back out.
    expect(JSON.stringify(await host.call('connection.status', {}))).not.toContain('apppass');

    // A saved connection's sealed password is used when connecting by name.
    await host.call('connections.save', { name: 'acl', url: `redis://app:apppass@127.0.0.1:${redis.port}` });
    const viaSaved = await host.call('connection.connect', {
      mode: 'url',
      url: `redis://app@127.0.0.1:${redis.port}`,
      saved: 'acl',
    });
    expect(viaSaved.ok).toBe(true);
  });
});
