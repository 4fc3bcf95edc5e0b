import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishCalls } from '../../../src/core/pubsub/gap-meter';
import type { PubSubStatus } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startHarness, type Harness } from './harness';
import { benchmarkPublishers } from './load';

const PUBLISHERS = 3;
const EACH = 300_000;

let h: Harness;
let embedded: Redis;
beforeAll(async () => {
  h = await startHarness();
  const { url } = await h.call('connection.connect', { mode: 'embedded' });
  embedded = new Redis(url!);
});
afterAll(async () => {
  embedded.disconnect();
  await h.close();
});

it('the embedded server never cuts a subscriber off for its output buffer', async () => {
  const reply = (await embedded.call('CONFIG', 'GET', 'client-output-buffer-limit')) as string[];
  expect(reply[1]).toMatch(/pubsub 0 0 0/);
});

it('receives every message of several pipelined publishers at the top rate: received = the PUBLISH count', async () => {
  await h.call('pubsub.subscribe', { channels: ['max'] });
  await embedded.call('CONFIG', 'RESETSTAT');
  const port = Number(new URL((await h.call('connection.status', {})).url!).port);
  const started = performance.now();
  await benchmarkPublishers(port, 'max', PUBLISHERS, EACH).done;
  const seconds = (performance.now() - started) / 1000;
  const published = publishCalls(await embedded.info('commandstats'));
  expect(published).toBe(PUBLISHERS * EACH);
  let status: PubSubStatus | undefined;
  await waitUntil(async () => {
    status = await h.call('pubsub.status', {});
    return status.received >= published || status.cutOffs > 0;
  }, 30_000);
  expect(status).toMatchObject({ received: published, cutOffs: 0, resubscribes: 0, missedAtMost: 0 });
  // Every received message is either in a batch or counted as dropped.
  await waitUntil(() => h.batches().at(-1)?.received === published);
  const dropped = h.batches().at(-1)!.dropped;
  expect(h.messages().length + dropped).toBe(published);
  console.log(`${published} published in ${seconds.toFixed(1)} s; ${dropped} dropped for the UI`);
}, 60_000);
