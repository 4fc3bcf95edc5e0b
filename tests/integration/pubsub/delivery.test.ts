import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSubscribers, startHarness, type Harness } from './harness';
import { waitUntil } from '../../helpers/process-alive';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function since(start: number) {
  return h.messages().slice(start);
}

describe('pub/sub delivery', () => {
  it('delivers channels and patterns exactly, in order per channel', async () => {
    const prefix = `t${randomBytes(3).toString('hex')}`;
    await h.call('pubsub.subscribe', {
      channels: [`${prefix}:a`, `${prefix}:b`],
      patterns: [`${prefix}:p*`],
    });
    const start = h.messages().length;
    const pub = h.redis.client();
    const pipe = pub.pipeline();
    const sent: Record<string, string[]> = { a: [], b: [], p1: [], p2: [] };
    for (let i = 0; i < 400; i++) {
      for (const ch of ['a', 'b', 'p1', 'p2']) {
        sent[ch]!.push(`${ch}-${i}`);
        pipe.publish(`${prefix}:${ch}`, `${ch}-${i}`);
      }
    }
    await pipe.exec();
    await waitUntil(() => since(start).length >= 1600);
    const got = since(start);
    expect(got).toHaveLength(1600);
    for (const ch of ['a', 'b', 'p1', 'p2']) {
      const mine = got.filter((m) => m.channel === `${prefix}:${ch}`);
      expect(mine.map((m) => m.payload)).toEqual(sent[ch]);
      const pattern = ch.startsWith('p') ? `${prefix}:p*` : undefined;
      expect(mine.every((m) => m.pattern === pattern && m.payloadEncoding === undefined)).toBe(true);
    }
    const last = h.batches().at(-1)!;
    expect(last.received - last.dropped).toBe(h.messages().length);
    expect(last.dropped).toBe(0);
  });

  it('keeps binary payloads byte-exact and text as text', async () => {
    await h.call('pubsub.subscribe', { channels: ['bin'] });
    const start = h.messages().length;
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const random = randomBytes(1000);
    const text = 'héllo 👋 {"json":true}';
    const pub = h.redis.client();
    await pub.publish('bin', all);
    await pub.publish('bin', random);
    await pub.publish('bin', text);
    await pub.publish('bin', Buffer.alloc(0));
    await waitUntil(() => since(start).length >= 4);
    const [m1, m2, m3, m4] = since(start);
    expect(m1!.payloadEncoding).toBe('base64');
    expect(Buffer.from(m1!.payload, 'base64').equals(all)).toBe(true);
    expect(Buffer.from(m2!.payload, 'base64').equals(random)).toBe(true);
    expect(m3).toMatchObject({ payload: text, channel: 'bin' });
    expect(m3!.payloadEncoding).toBeUndefined();
    expect(m4!.payload).toBe('');
  });

  it('cuts large payloads for display and says their size', async () => {
    await h.call('pubsub.subscribe', { channels: ['big'] });
    const start = h.messages().length;
    const big = 'é'.repeat(100_000); // 200,000 bytes of two-byte characters
    await h.redis.client().publish('big', big);
    await waitUntil(() => since(start).length >= 1);
    const m = since(start)[0]!;
    expect(m.truncated).toBe(true);
    expect(m.size).toBe(200_000);
    expect(m.payloadEncoding).toBeUndefined();
    expect(Buffer.byteLength(m.payload)).toBeLessThanOrEqual(16 * 1024);
    expect(big.startsWith(m.payload)).toBe(true);
  });

  it('publishes text and base64, returning the receiver count', async () => {
    await h.call('pubsub.subscribe', { channels: ['out'] });
    const start = h.messages().length;
    expect(await h.call('pubsub.publish', { channel: 'out', payload: 'hi' })).toEqual({ receivers: 1 });
    await h.call('pubsub.publish', {
      channel: 'out',
      payload: Buffer.from([0xff, 0]).toString('base64'),
      payloadEncoding: 'base64',
    });
    expect(await h.call('pubsub.publish', { channel: 'nobody-listens', payload: 'x' })).toEqual({
      receivers: 0,
    });
    await waitUntil(() => since(start).length >= 2);
    expect(since(start)[0]!.payload).toBe('hi');
    expect(since(start)[1]).toMatchObject({ payload: '/wA=', payloadEncoding: 'base64' });
  });

  it('stops delivery after unsubscribe', async () => {
    await h.call('pubsub.subscribe', { channels: ['stop-me', 'keep-me'] });
    const subs = await h.call('pubsub.unsubscribe', { channels: ['stop-me'] });
    expect(subs.channels).toContain('keep-me');
    expect(subs.channels).not.toContain('stop-me');
    const start = h.messages().length;
    const pub = h.redis.client();
    expect(await pub.publish('stop-me', 'lost')).toBe(0);
    await pub.publish('keep-me', 'marker');
    await waitUntil(() => since(start).some((m) => m.payload === 'marker'));
    expect(since(start).map((m) => m.channel)).toEqual(['keep-me']);
  });

  it('rejects bad input naming the field, changing nothing', async () => {
    const before = await h.call('pubsub.status', {});
    const bad = [
      ['pubsub.subscribe', {}, 'channels'],
      ['pubsub.subscribe', { channels: [''] }, 'channels.0'],
      ['pubsub.subscribe', { channels: 'x' }, 'channels'],
      ['pubsub.publish', { channel: 'x', payload: '%%%', payloadEncoding: 'base64' }, 'payload'],
      ['pubsub.keyspace', { enabled: true, flags: 'Q' }, 'flags'],
    ] as const;
    for (const [method, params, field] of bad) {
      const r = await h.host.call(method, params);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toContain(`${field}:`);
      }
    }
    const after = await h.call('pubsub.status', {});
    expect(after.channels).toEqual(before.channels);
    expect(after.keyspace).toEqual(before.keyspace);
  });

  it('lets go of the subscriber connection when nothing is subscribed', async () => {
    const now = await h.call('pubsub.status', {});
    await h.call('pubsub.unsubscribe', {
      channels: now.channels,
      patterns: now.patterns.length ? now.patterns : undefined,
    });
    const status = await h.call('pubsub.status', {});
    expect(status.state).toBe('idle');
    // The server sees the close a moment after the client made it.
    await waitUntil(async () => (await consoleSubscribers(h)).length === 0);
  });
});
