import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, SavedConnection, TestOutcome } from '../../../src/shared/contract';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { data } from '../worker/helpers';

const DATA_PASS = 'data-s3cret';
const SENTINEL_PASS = 'sent-s3cret';
const CLUSTER_PASS = 'clu-s3cret';

let set: TestSentinels;
let cluster: TestCluster;
let dataDir: string;
let host: CoreHost;

beforeAll(async () => {
  [set, cluster] = await Promise.all([
    startTestSentinels('saved-master', { password: DATA_PASS, sentinelPassword: SENTINEL_PASS }),
    startTestCluster(3, 0, CLUSTER_PASS),
  ]);
  dataDir = mkdtempSync(join(tmpdir(), 'qd-saved-topology-'));
  host = new CoreHost({ dataDir });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await Promise.all([set?.stop(), cluster?.stop()]);
});

const sentinelTarget = () => ({ mode: 'sentinel' as const, sentinels: set.sentinels, name: set.name });
const clusterTarget = () => ({ mode: 'cluster' as const, nodes: [cluster.nodes[1]!] });
const list = () => data<SavedConnection[]>(host, 'connections.list');

describe('saved Sentinel and Cluster connections', () => {
  it('refuses bad input naming the field, and saves nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        { name: 'x', target: { ...sentinelTarget(), sentinels: ['nohost'] } },
        /target\.sentinels\.0: must be host:port/,
      ],
      [{ name: 'x', target: { ...sentinelTarget(), name: '' } }, /target\.name:/],
      [{ name: 'x', target: { mode: 'cluster', nodes: [] } }, /target\.nodes:/],
      [{ name: 'x', target: { mode: 'ring', nodes: ['a:1'] } }, /target\.mode:/],
      [{ name: 'x', target: { ...clusterTarget(), saved: 'other' } }, /saved/],
      [{ name: ' ', target: clusterTarget() }, /name:/],
      [{ name: 'x', url: 'http://nope' }, /url: must start with redis:\/\//],
    ];
    for (const [input, message] of cases) {
      const r = await host.call('connections.save', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    expect(await list()).toEqual([]);
  });

  it('saves a Sentinel connection with both passwords sealed, tests it and connects to it by name', async () => {
    const saved = await data<SavedConnection[]>(host, 'connections.save', {
      name: 'prod-sentinel',
      target: { ...sentinelTarget(), password: DATA_PASS, sentinelPassword: SENTINEL_PASS, db: 2 },
    });
    expect(saved).toEqual([
      {
        name: 'prod-sentinel',
        url: `redis-sentinel://${set.sentinels.join(',')}/saved-master`,
        mode: 'sentinel',
        target: { ...sentinelTarget(), db: 2 },
        hasPassword: true,
        hasSentinelPassword: true,
      },
    ]);
    const onDisk = readFileSync(join(dataDir, 'connections.json'), 'utf8');
    expect(onDisk).not.toContain(DATA_PASS);
    expect(onDisk).not.toContain(SENTINEL_PASS);

    // Without the stored passwords the sentinels refuse; with them the primary is found and answers.
    const bare = await data<TestOutcome>(host, 'connection.test', sentinelTarget());
    expect(bare.ok).toBe(false);
    expect(bare.error).toMatch(
      /^the sentinels refuse without their own password \(sentinel password\): NOAUTH/,
    );
    const noDataPass = await data<TestOutcome>(host, 'connection.test', {
      ...sentinelTarget(),
      sentinelPassword: SENTINEL_PASS,
    });
    expect(noDataPass).toMatchObject({ ok: false, error: expect.stringMatching(/NOAUTH/) });
    const tested = await data<TestOutcome>(host, 'connection.test', {
      ...sentinelTarget(),
      saved: 'prod-sentinel',
    });
    expect(tested).toMatchObject({ ok: true, primary: `127.0.0.1:${set.primary.port}` });
    expect(tested.version).toMatch(/^\d+\.\d+/);
    expect(tested.latencyMs).toBeGreaterThanOrEqual(0);
    expect(host.connection.status().state).toBe('disconnected');

    const status = await data<ConnectionStatus>(host, 'connection.connect', {
      ...saved[0]!.target!,
      saved: 'prod-sentinel',
    });
    expect(status).toMatchObject({
      state: 'connected',
      mode: 'sentinel',
      db: 2,
      primary: `127.0.0.1:${set.primary.port}`,
    });
    await host.connection.client().set('saved:sentinel', 'yes');
    const direct = set.primary.client({ password: DATA_PASS, db: 2 });
    expect(await direct.get('saved:sentinel')).toBe('yes');
  });

  it('refuses a saved name that does not exist or is of another kind, changing nothing', async () => {
    const before = host.connection.status();
    const unknown = await host.call('connection.connect', { ...clusterTarget(), saved: 'nope' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no saved connection named "nope"' },
    });
    const other = await host.call('connection.connect', { ...clusterTarget(), saved: 'prod-sentinel' });
    expect(other).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'saved: "prod-sentinel" is a sentinel connection, not cluster',
      },
    });
    expect(host.connection.status()).toEqual(before);
  });

  it('saves a Cluster connection with its password sealed, tests it and connects to it by name', async () => {
    const wrong = await data<TestOutcome>(host, 'connection.test', { ...clusterTarget(), password: 'wrong' });
    expect(wrong.ok).toBe(false);
    expect(wrong.error).toMatch(/WRONGPASS|invalid username-password/i);

    const saved = await data<SavedConnection[]>(host, 'connections.save', {
      name: 'prod-cluster',
      target: { ...clusterTarget(), password: CLUSTER_PASS },
    });
    const entry = saved.find((c) => c.name === 'prod-cluster');
    expect(entry).toEqual({
      name: 'prod-cluster',
      url: `redis-cluster://${cluster.nodes[1]}`,
      mode: 'cluster',
      target: clusterTarget(),
      hasPassword: true,
    });
    expect(readFileSync(join(dataDir, 'connections.json'), 'utf8')).not.toContain(CLUSTER_PASS);
    const tested = await data<TestOutcome>(host, 'connection.test', {
      ...clusterTarget(),
      saved: 'prod-cluster',
    });
    expect(tested).toMatchObject({ ok: true, primaries: 3 });

    const status = await data<ConnectionStatus>(host, 'connection.connect', {
      ...entry!.target!,
      saved: 'prod-cluster',
    });
    expect(status).toMatchObject({ state: 'connected', mode: 'cluster' });
    const scan = await data<{ keys: unknown[] }>(host, 'keys.scan', { match: '*' });
    expect(Array.isArray(scan.keys)).toBe(true);
    await host.connection.client().set('saved:cluster', 'yes');
    // Written through the cluster: exactly one primary holds it.
    const ports = await cluster.primaryPorts();
    const sizes = await Promise.all(ports.map((p) => cluster.node(p).dbsize()));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('saving again without passwords keeps the sealed ones; an app restart reads them; remove forgets them', async () => {
    await data(host, 'connections.save', { name: 'prod-sentinel', target: sentinelTarget() });
    const again = new CoreHost({ dataDir });
    try {
      const listed = await data<SavedConnection[]>(again, 'connections.list');
      expect(listed.find((c) => c.name === 'prod-sentinel')).toMatchObject({
        hasPassword: true,
        hasSentinelPassword: true,
        target: sentinelTarget(),
      });
      const tested = await data<TestOutcome>(again, 'connection.test', {
        ...sentinelTarget(),
        saved: 'prod-sentinel',
      });
      expect(tested.ok).toBe(true);
      // The URL kind next to them works as before (saving again puts an entry last).
      await data(again, 'connections.save', { name: 'plain', url: 'redis://app:pw@127.0.0.1:1/0' });
      expect((await data<SavedConnection[]>(again, 'connections.list')).map((c) => c.name)).toEqual([
        'prod-cluster',
        'prod-sentinel',
        'plain',
      ]);
      const left = await data<SavedConnection[]>(again, 'connections.remove', { name: 'prod-sentinel' });
      expect(left.map((c) => c.name)).toEqual(['prod-cluster', 'plain']);
    } finally {
      await again.close();
    }
  });
});
