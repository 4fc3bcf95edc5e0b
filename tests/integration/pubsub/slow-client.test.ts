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

  // The host sends a stuck client at most a budget of messages a second, so the kernel's socket buffers take the
  // first few MB: publish until the host sees a backlog of its own (bounded in count and time).
  const payload = 'x'.repeat(200);
  const pub = redis.client();
  let total = 0;
  let backlogWhileStuck = 0;
  const deadline = Date.now() + 30_000;
  while (total < 200_000 || (backlogWhileStuck === 0 && total < 3_000_000 && Date.now() < deadline)) {
    const pipe = pub.pipeline();
    for (let i = 0; i < 10_000; i++) pipe.publish('flood', payload);
    await pipe.exec();
    total += 10_000;
    backlogWhileStuck = Math.max(backlogWhileStuck, server.host.backlogBytes());
  }
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
