import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, TestOutcome } from '../../../src/shared/contract';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { scanAllKeys } from '../../helpers/scan-keys';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let set: TestSentinels;
let host: CoreHost;
const APP = { username: 'app', password: 'app-pw' };

/** The ACL user an app would be given, on every node (ACLs are per node: neither the bus nor replication copy them). */
const addUser = (node: Redis) => node.call('ACL', 'SETUSER', 'app', 'on', '>app-pw', '~*', '&*', '+@all');

beforeAll(async () => {
  [cluster, set] = await Promise.all([startTestCluster(3, 0), startTestSentinels('aclmaster')]);
  await Promise.all([
    ...cluster.servers.map((s) => addUser(cluster.node(s.port))),
    addUser(set.primary.client()),
    addUser(set.replica.client()),
  ]);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-acl-topology-')) });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await Promise.all([cluster?.stop(), set?.stop()]);
});

const clusterTarget = (extra: object) => ({ mode: 'cluster' as const, nodes: [cluster.nodes[0]!], ...extra });
const sentinelTarget = (extra: object) => ({
  mode: 'sentinel' as const,
  sentinels: set.sentinels,
  name: set.name,
  ...extra,
});

describe('an ACL user (username + password)', () => {
  it('on a cluster: a wrong password is refused saying so, the right one is used on every primary', async () => {
    const wrong = clusterTarget({ username: 'app', password: 'nope' });
    const tested = await data<TestOutcome>(host, 'connection.test', wrong);
    expect(tested).toMatchObject({ ok: false, error: expect.stringMatching(/^WRONGPASS/) });
    const refused = await host.call('connection.connect', wrong);
    expect(refused).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/: WRONGPASS invalid username-password pair/);

    expect(await data<TestOutcome>(host, 'connection.test', clusterTarget(APP))).toMatchObject({
      ok: true,
      primaries: 3,
    });
    const status = await data<ConnectionStatus>(host, 'connection.connect', clusterTarget(APP));
    expect(status).toMatchObject({ state: 'connected', mode: 'cluster' });
    for (let i = 0; i < 12; i++)
      await data(host, 'keys.create', { key: `acl:${i}`, type: 'string', value: 'v' });
    expect(await scanAllKeys(host, 'acl:*')).toHaveLength(12);
    const primaries = host.connection.cluster()!.nodes('master');
    expect(primaries).toHaveLength(3);
    for (const node of primaries) expect(await node.call('ACL', 'WHOAMI')).toBe('app');
  });

  it('on Sentinel (data nodes): a wrong password is refused saying so, the right one is used', async () => {
    const wrong = sentinelTarget({ username: 'app', password: 'nope' });
    const tested = await data<TestOutcome>(host, 'connection.test', wrong);
    expect(tested).toMatchObject({ ok: false, error: expect.stringMatching(/WRONGPASS/) });
    const refused = await host.call('connection.connect', wrong);
    expect(refused).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/WRONGPASS invalid username-password pair/);

    const primary = `127.0.0.1:${set.primary.port}`;
    expect(await data<TestOutcome>(host, 'connection.test', sentinelTarget(APP))).toMatchObject({
      ok: true,
      primary,
    });
    const status = await data<ConnectionStatus>(host, 'connection.connect', sentinelTarget(APP));
    expect(status).toMatchObject({ state: 'connected', mode: 'sentinel', primary });
    expect(await host.connection.client().call('ACL', 'WHOAMI')).toBe('app');
    await data(host, 'keys.create', { key: 'acl:sentinel', type: 'string', value: 'v' });
    expect(await set.primary.client().get('acl:sentinel')).toBe('v');
  });
});
