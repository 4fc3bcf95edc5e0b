import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { data, randomQueue } from '../worker/helpers';
import { beatChannelHeard, carryOnChecks, completedTicks, startCarryOn, ticksAfter } from './carry-on';

let set: TestSentinels;
let host: CoreHost;
let queue: Queue;
const seen: ConnectionStatus[] = [];

beforeAll(async () => {
  set = await startTestSentinels();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-sentinel-carry-on-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
  await data(host, 'connection.connect', { mode: 'sentinel', sentinels: set.sentinels, name: set.name });
  // Reads the ticks through the sentinels too, so it follows the failover as the app's own clients do.
  queue = new Queue(randomQueue(), {
    connection: { sentinels: host.connection.sharedOptions().sentinels, name: set.name },
  });
  queue.on('error', () => undefined); // ECONNREFUSED while it follows the failover
}, 30_000);
afterAll(async () => {
  await queue?.close();
  await host?.close();
  await set?.stop();
});

describe("QueueDesk's worker and beat through a Sentinel failover", () => {
  it('keep running in the same processes: ticks go on, none twice, the leader still shown', async () => {
    const run = await startCarryOn(host, queue);
    // Ticks the worker completed, then a write of our own the replica acknowledges: it has them all.
    const confirmed = (await completedTicks(queue)).map((t) => t.job.id!);
    const primary = set.primary.client();
    await primary.set('carry-on:mark', '1');
    expect(Number(await primary.call('WAIT', '1', '5000'))).toBe(1);
    const before = seen.length;
    const killedAt = Date.now();
    await set.primary.kill();
    // The banner: the connection says it is failing over, then follows the sentinels to the replica.
    await waitUntil(
      () => seen.slice(before).some((s) => s.state === 'connecting' && /failing over/.test(s.note ?? '')),
      15_000,
    );
    await waitUntil(
      () =>
        host.connection.status().state === 'connected' &&
        host.connection.status().primary === `127.0.0.1:${set.replica.port}`,
      30_000,
      50,
    );
    const followedAt = Date.now();

    await ticksAfter(queue, followedAt, 3);
    await beatChannelHeard([set.replica.client()]);
    const figures = await carryOnChecks(host, queue, run, [{ killedAt, followedAt }], confirmed, {
      client: set.replica.client(),
      prefix: 'bull',
    });
    console.log(
      `sentinel failover ${figures.failoverMs} ms, longest gap between ticks ${figures.maxGapMs} ms`,
    );
  }, 60_000);
});
