import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, ProcessInfo, TestOutcome } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { publishAndHear } from '../../helpers/pubsub-roundtrip';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { makeTestTls, type TestTls } from '../../helpers/test-tls';
import { data, randomQueue } from '../worker/helpers';

let tls: TestTls;
let set: TestSentinels;
let host: CoreHost;

/** Primary, replica and three sentinels, all speaking only TLS (sentinels reach the data nodes over TLS too). */
beforeAll(async () => {
  tls = makeTestTls();
  set = await startTestSentinels('tlsmaster', {}, tls);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-sentinel-tls-')) });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await set?.stop();
});

const target = (extra: object = {}) => ({
  mode: 'sentinel' as const,
  sentinels: set.sentinels,
  name: set.name,
  ...extra,
});
const jobState = async (queue: string, id: string): Promise<string> =>
  (await data<{ state: string }>(host, 'jobs.get', { queue, id })).state;

describe('Sentinel over TLS', () => {
  it('is refused without the CA, saying the sentinels’ certificate is not trusted and what to do', async () => {
    const tested = await data<TestOutcome>(host, 'connection.test', target({ tls: true }));
    expect(tested.ok).toBe(false);
    expect(tested.error).toMatch(/self-signed certificate in certificate chain: .*not trusted; give the CA/);
    const r = await host.call('connection.connect', target({ tls: true }));
    expect(r).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    if (!r.ok) expect(r.error.message).toMatch(/certificate.*tlsCa/);
  });

  it('is tested and connected by master name with the CA: keys, a forked worker, and a failover', async () => {
    const primary = `127.0.0.1:${set.primary.port}`;
    const tested = await data<TestOutcome>(host, 'connection.test', target({ tls: true, tlsCa: tls.ca }));
    expect(tested).toMatchObject({ ok: true, primary });
    const status = await data<ConnectionStatus>(
      host,
      'connection.connect',
      target({ tls: true, tlsCa: tls.ca }),
    );
    expect(status).toMatchObject({ state: 'connected', mode: 'sentinel', primary });

    await data(host, 'keys.create', { key: 'stls:k', type: 'string', value: 'v1' });
    expect(await set.primary.client().get('stls:k')).toBe('v1');
    expect(await data<{ value: unknown }>(host, 'keys.get', { key: 'stls:k' })).toMatchObject({
      value: { kind: 'string', value: 'v1' },
    });

    // Pub/sub runs on a socket of its own to the primary, over TLS too.
    await publishAndHear(host, 'tls-news', 'over tls');

    // The worker is a child process: it reaches the sentinels and the primary with the same TLS settings.
    const queue = randomQueue();
    await data<ProcessInfo>(host, 'workers.start', { queues: [queue], concurrency: 1 });
    const first = await data<{ id: string }>(host, 'jobs.add', { queue, task: 'demo.echo', args: [1] });
    await waitUntil(async () => (await jobState(queue, first.id)) === 'completed', 20_000, 50);

    // The sentinels, talking TLS among themselves and to the data nodes, promote the replica; QueueDesk follows.
    await set.primary.kill();
    await waitUntil(() => host.connection.status().primary === `127.0.0.1:${set.replica.port}`, 30_000, 50);
    expect(await data<{ value: unknown }>(host, 'keys.get', { key: 'stls:k' })).toMatchObject({
      value: { kind: 'string', value: 'v1' },
    });
    const second = await data<{ id: string }>(host, 'jobs.add', { queue, task: 'demo.echo', args: [2] });
    await waitUntil(async () => (await jobState(queue, second.id)) === 'completed', 30_000, 50);
  }, 90_000);
});
