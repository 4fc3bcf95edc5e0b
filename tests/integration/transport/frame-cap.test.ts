import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeCode, rawWsOpen, textFrameHeader } from '../../helpers/raw-ws';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { WsApi } from '../../helpers/ws-api';

// What one client may make serve hold: a frame (was 256 MiB), a reply, and the calls it runs at once.
let plain: TestServer;
let tight: TestServer;

beforeAll(async () => {
  plain = await startTestServer();
  tight = await startTestServer({
    limits: { maxFrameBytes: 64 * 1024, maxReplyBytes: 32 * 1024, maxInFlight: 1 },
  });
});

afterAll(async () => {
  await plain?.stop();
  await tight?.stop();
});

async function announce(t: TestServer, length: number): Promise<number | null> {
  const raw = await rawWsOpen(t.server.port, `/api?token=${t.server.token}`);
  raw.socket.write(textFrameHeader(length));
  await raw.closed;
  return closeCode(raw.received());
}

describe('frame cap', () => {
  it('closes with 1009 as soon as a frame announces 100 MiB, before reading it, and serves others on', async () => {
    expect(await announce(plain, 100 * 1024 * 1024)).toBe(1009);
    const api = await WsApi.open(plain.server.apiUrl);
    expect(await api.data('connection.status')).toMatchObject({ state: 'connected' });
    api.close();
  });

  it('takes frames up to the configured cap and closes 1009 past it', async () => {
    const api = await WsApi.open(tight.server.apiUrl);
    const under = await api.call('pubsub.publish', { channel: 'c', payload: 'x'.repeat(60 * 1024) });
    expect(under.ok).toBe(true);
    const ws = new WebSocket(tight.server.apiUrl);
    await new Promise((r) => ws.once('open', r));
    const code = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'pubsub.publish',
        params: { channel: 'c', payload: 'x'.repeat(70 * 1024) },
      }),
    );
    expect(await code).toBe(1009);
    expect((await api.call('connection.status')).ok).toBe(true);
    api.close();
  });
});

describe('reply cap', () => {
  it("answers a result over the cap with TOO_LARGE and the call's id, and smaller ones as usual", async () => {
    const redis = tight.redis.client();
    await redis.set('big', 'b'.repeat(40 * 1024));
    await redis.set('small', 's'.repeat(10 * 1024));
    const api = await WsApi.open(tight.server.apiUrl);
    const big = await api.call('keys.get', { key: 'big' });
    expect(big).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(big.error?.message).toMatch(/over the 32768-byte cap/);
    expect((await api.call('keys.get', { key: 'small' })).ok).toBe(true);
    api.close();
  });
});

describe('calls in flight', () => {
  it("runs one client's calls no more than maxInFlight at once, answering every frame", async () => {
    const redis = tight.redis.client();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 5000; i++) pipeline.set(`fill:${i}`, '1');
    await pipeline.exec();
    const api = await WsApi.open(tight.server.apiUrl);
    const order: string[] = [];
    // The count takes several SCAN round trips; the status needs none, so only the limit makes it wait.
    const slow = api.call('keys.countPattern', { match: 'fill:*' }).then(() => order.push('count'));
    const fast = api.call('connection.status').then(() => order.push('status'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['count', 'status']);
    const many = await Promise.all(Array.from({ length: 300 }, () => api.call('connection.status')));
    expect(many.every((r) => r.ok)).toBe(true);
    api.close();
  });
});
