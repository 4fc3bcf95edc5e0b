import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/core/transport/server';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { upgradeStatus } from '../../helpers/upgrade-status';
import { WsApi } from '../../helpers/ws-api';

let redis: TestRedis;
let server: RunningServer;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'qd-ws-')),
    rendererDir: mkdtempSync(join(tmpdir(), 'qd-ui-')),
    connect: { mode: 'url', url: redis.url },
  });
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

describe('WebSocket API', () => {
  it('refuses a missing or wrong token with 401 and no upgrade', async () => {
    const base = `ws://127.0.0.1:${server.port}/api`;
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${server.token}x`)).toBe(401);
    expect(await upgradeStatus(server.apiUrl)).toBe(101);
  });

  it('answers connection.status over the socket', async () => {
    const api = await WsApi.open(server.apiUrl);
    const reply = await api.call('connection.status', {});
    expect(reply).toEqual({
      id: 1,
      ok: true,
      data: { state: 'connected', mode: 'url', url: `redis://127.0.0.1:${redis.port}` },
    });
    const info = await api.data<{ version: string }>('server.info');
    expect(info.version).toMatch(/^\d+\.\d+/);
    api.close();
  });

  it('gives BAD_REQUEST, UNKNOWN_METHOD and INVALID_INPUT with the field named', async () => {
    const api = await WsApi.open(server.apiUrl);
    api.sendRaw('{not json');
    expect(await api.nextOrphan()).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
    api.sendRaw('[1,2]');
    expect(await api.nextOrphan()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await api.call('keys.explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const invalid = await api.call('connection.connect', { mode: 'url', url: 'ftp://nope' });
    expect(invalid.ok).toBe(false);
    expect(invalid.error?.code).toBe('INVALID_INPUT');
    expect(invalid.error?.message).toMatch(/url/);
    // The bad call changed nothing.
    expect((await api.data<{ state: string }>('connection.status')).state).toBe('connected');
    api.close();
  });

  it('stays up through 500 random malformed frames', async () => {
    const api = await WsApi.open(server.apiUrl);
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      '{',
      '}',
      '"id"',
      ':',
      '1',
      ',',
      '"method"',
      '"params"',
      'null',
      '[',
      ']',
      '"x"',
      '\u0000',
      '{"id":',
      '💥',
      'true',
    ];
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(rand() * 12);
      let frame = '';
      for (let j = 0; j < n; j++) frame += pieces[Math.floor(rand() * pieces.length)];
      // Every third frame is valid JSON of a wrong shape.
      if (i % 3 === 0) frame = JSON.stringify({ id: i % 2 ? null : { x: i }, method: i, params: 'p' });
      api.sendRaw(frame);
    }
    // Each malformed frame gets exactly one error reply with a code; none kills the socket.
    for (let i = 0; i < 500; i++) {
      const r = await api.nextOrphan(5000);
      expect(r.ok).toBe(false);
      expect(['BAD_REQUEST', 'UNKNOWN_METHOD', 'INVALID_INPUT']).toContain(r.error?.code);
    }
    const after = await api.call('connection.status', {});
    expect(after.ok).toBe(true);
    api.close();
  });

  it('pushes events to every client', async () => {
    const a = await WsApi.open(server.apiUrl);
    const b = await WsApi.open(server.apiUrl);
    await a.data('connection.connect', { mode: 'url', url: redis.url, db: 1 });
    const seen = (await b.waitForEvent(
      'connection.changed',
      (d) => (d as { state: string }).state === 'connected',
    )) as { db: number };
    expect(seen.db).toBe(1);
    a.close();
    b.close();
  });

  it('serves the UI page without needing the token, and 404s other upgrade paths', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    // The renderer folder of this test is empty: the server says how to build it.
    expect(res.status).toBe(503);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/elsewhere?token=${server.token}`)).toBe(404);
  });
});
