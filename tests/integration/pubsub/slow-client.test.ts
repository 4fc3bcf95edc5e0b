import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PubSubMessagesEvent } from '../../../src/shared/contract';
import { BACKLOG_LIMIT_BYTES } from '../../../src/core/pubsub/delivery';
import { startServer, type RunningServer } from '../../../src/core/transport/server';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { WsApi } from '../../helpers/ws-api';
import { waitUntil } from '../../helpers/process-alive';

let redis: TestRedis;
let server: RunningServer;
beforeAll(async () => {
  redis = await startTestRedis();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'qd-slow-')),
    rendererDir: join(tmpdir(), 'no-ui'),
    connect: { mode: 'url', url: redis.url },
  });
});
afterAll(async () => {
  await server.close();
  await redis.stop();
});

it('a client that stops reading makes the host drop and count, never lose silently', async () => {
  const api = await WsApi.open(server.apiUrl);
  await api.data('pubsub.subscribe', { channels: ['flood'] });
  api.ws.pause();

  const total = 200_000;
  const payload = 'x'.repeat(200);
  const pub = redis.client();
  for (let sent = 0; sent < total; sent += 10_000) {
    const pipe = pub.pipeline();
    for (let i = 0; i < 10_000; i++) pipe.publish('flood', payload);
    await pipe.exec();
  }
  await new Promise((r) => setTimeout(r, 300));
  const backlogWhileStuck = server.host.backlogBytes();
  api.ws.resume();

  const batches = (): PubSubMessagesEvent[] =>
    api.events.filter((e) => e.event === 'pubsub.messages').map((e) => e.data as PubSubMessagesEvent);
  await waitUntil(() => batches().at(-1)?.received === total, 20_000).catch((e) => {
    console.log(
      batches().length,
      batches().at(-1)?.received,
      batches().at(-1)?.dropped,
      JSON.stringify(api.events.filter((e) => e.event !== 'pubsub.messages')),
    );
    throw e;
  });
  const last = batches().at(-1)!;
  const delivered = batches().reduce((n, b) => n + b.messages.length, 0);
  expect(last.dropped).toBeGreaterThan(0);
  expect(last.dropped).toBe(last.received - delivered);
  expect(delivered).toBeGreaterThan(0);
  // Bounded: the socket holds about the limit plus one batch, not the whole flood (~50 MB as JSON).
  expect(backlogWhileStuck).toBeGreaterThan(0);
  expect(backlogWhileStuck).toBeLessThan(BACKLOG_LIMIT_BYTES + 16 * 1024 * 1024);
  api.close();
}, 60_000);
