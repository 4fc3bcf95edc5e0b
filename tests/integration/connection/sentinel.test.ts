import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, ProcessInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { data, randomQueue } from '../worker/helpers';

let set: TestSentinels;
let host: CoreHost;
const seen: ConnectionStatus[] = [];

beforeAll(async () => {
  set = await startTestSentinels();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-sentinel-host-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
}, 30_000);
afterAll(async () => {
  await host?.close();
  await set?.stop();
});

async function jobState(queue: string, id: string): Promise<string> {
  return (await data<{ state: string }>(host, 'jobs.get', { queue, id })).state;
}

describe('Sentinel connection', () => {
  it('refuses a target without a master name or with a bad sentinel address, changing nothing', async () => {
    const noName = await host.call('connection.connect', { mode: 'sentinel', sentinels: set.sentinels });
    expect(noName).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const bad = await host.call('connection.connect', { mode: 'sentinel', sentinels: ['nohost'], name: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(host.connection.status().state).toBe('disconnected');
  });

  it('says clearly when the sentinels know no such master', async () => {
    const r = await host.call('connection.connect', {
      mode: 'sentinel',
      sentinels: set.sentinels,
      name: 'no-such-master',
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/: the sentinels answer but monitor no master named "no-such-master"$/);
    expect(host.connection.status().state).toBe('error');
  });

  it('connects by master name, works with keys and queues, and follows a failover', async () => {
    const status = await data<ConnectionStatus>(host, 'connection.connect', {
      mode: 'sentinel',
      sentinels: set.sentinels,
      name: set.name,
    });
    expect(status).toMatchObject({
      state: 'connected',
      mode: 'sentinel',
      primary: `127.0.0.1:${set.primary.port}`,
      url: `redis-sentinel://${set.sentinels.join(',')}/${set.name}`,
    });

    // Keys through the primary
    await host.connection.client().set('sentinel:k', 'v1');
    const scan = await data<{ keys: Array<{ key: string }> }>(host, 'keys.scan', { match: 'sentinel:*' });
    expect(scan.keys.map((k) => k.key)).toEqual(['sentinel:k']);
    expect(await data<{ value: unknown }>(host, 'keys.get', { key: 'sentinel:k' })).toMatchObject({
      value: { kind: 'string', value: 'v1' },
    });

    // Queues: a QueueDesk worker runs a job enqueued through QueueDesk
    const queue = randomQueue();
    const worker = await data<ProcessInfo>(host, 'workers.start', { queues: [queue], concurrency: 1 });
    const first = await data<{ id: string }>(host, 'jobs.add', { queue, task: 'demo.echo', args: [1] });
    await waitUntil(async () => (await jobState(queue, first.id)) === 'completed', 20_000);

    // The primary dies: the sentinels promote the replica and QueueDesk follows without a restart
    const before = seen.length;
    await set.primary.kill();
    await waitUntil(
      () => seen.slice(before).some((s) => s.state === 'connecting' && /failing over/.test(s.note ?? '')),
      10_000,
    );
    await waitUntil(() => host.connection.status().primary === `127.0.0.1:${set.replica.port}`, 30_000, 50);
    expect(host.connection.status()).toMatchObject({ state: 'connected', mode: 'sentinel' });
    expect(await set.primaryPort()).toBe(set.replica.port);

    // The replica had the data; writes go to the new primary
    expect(await host.connection.client().get('sentinel:k')).toBe('v1');
    await host.connection.client().set('sentinel:after', 'v2');
    expect(await set.replica.client().get('sentinel:after')).toBe('v2');

    // An enqueue after the failover completes with the same QueueDesk worker
    const second = await data<{ id: string }>(host, 'jobs.add', { queue, task: 'demo.echo', args: [2] });
    await waitUntil(async () => (await jobState(queue, second.id)) === 'completed', 30_000, 100);
    await data(host, 'workers.stop', { id: worker.id });
  }, 90_000);
});
