import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { waitUntil } from './process-alive';
import { freePort, startTestRedis, type TestRedis } from './redis-server';
import type { TestTls } from './test-tls';

const run = promisify(execFile);

export interface TestCluster {
  /** "127.0.0.1:port" of every node. */
  nodes: string[];
  servers: TestRedis[];
  /** A plain (non-cluster) client to one node, closed by stop(). */
  node(port: number): Redis;
  /** Ports of the live primaries, ascending (as the node on `askPort` sees them: failed or suspected ones left out). */
  primaryPorts(askPort?: number): Promise<number[]>;
  /** Ports of the replicas of the primary on `port`, as a live node (asked on `askPort`) sees them. */
  replicaPorts(port: number, askPort?: number): Promise<number[]>;
  stop(): Promise<void>;
}

/** One cluster-enabled redis-server, in no cluster yet, with its bus port (chosen free); TLS-only with `tls`. */
export async function startClusterNode(
  extraArgs: string[] = [],
  tls?: TestTls,
): Promise<{ server: TestRedis; bus: number }> {
  const bus = await freePort();
  const server = await startTestRedis(
    [
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-port',
      String(bus),
      '--cluster-node-timeout',
      '2000',
      // Its bus speaks TLS too, and the node announces its TLS port.
      ...(tls ? ['--tls-cluster', 'yes'] : []),
      ...extraArgs,
    ],
    tls,
  );
  return { server, bus };
}

/**
 * A Redis Cluster of `primaries` primaries (and `replicas` replicas each) on free ports, made with
 * `redis-cli --cluster create`; resolves once every node says cluster_state:ok and every replica is in
 * sync. The bus port is chosen free
 * too (`cluster-port`), rather than port + 10000 which may be taken or out of range.
 */
export async function startTestCluster(
  primaries = 3,
  replicas = 0,
  /** `requirepass` (and `masterauth`) of every node. */
  password?: string,
  /** Every node speaks only TLS (clients, replication, cluster bus) with this certificate. */
  tls?: TestTls,
): Promise<TestCluster> {
  const auth = password ? ['--requirepass', password, '--masterauth', password] : [];
  const servers: TestRedis[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    for (let i = 0; i < primaries * (1 + replicas); i++)
      servers.push((await startClusterNode(auth, tls)).server);
    const nodes = servers.map((s) => `127.0.0.1:${s.port}`);
    await run('redis-cli', [
      ...(tls ? ['--tls', '--cacert', tls.caFile] : []),
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
      ...(password ? ['-a', password, '--no-auth-warning'] : []),
    ]);
    const admins = servers.map((s) => s.client({ password }));
    const ok = async (a: Redis): Promise<boolean> =>
      /cluster_state:ok/.test((await a.cluster('INFO')) as string);
    await waitUntil(async () => (await Promise.all(admins.map(ok))).every(Boolean), 20_000, 50);
    // A replica that has not synced yet never takes over (its data counts as too old): wait for every link.
    const synced = async (a: Redis): Promise<boolean> => {
      const info = await a.info('replication');
      return /role:master/.test(info) || /master_link_status:up/.test(info);
    };
    await waitUntil(async () => (await Promise.all(admins.map(synced))).every(Boolean), 20_000, 50);
  } catch (err) {
    await stop();
    throw err;
  }
  const byPort = (port: number): TestRedis => {
    const s = servers.find((x) => x.port === port);
    if (!s) throw new Error(`no cluster node on ${port}`);
    return s;
  };
  const rows = async (askPort = servers[0]!.port): Promise<string[][]> =>
    ((await byPort(askPort).client({ password }).cluster('NODES')) as string)
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '));
  const portOf = (row: string[]): number => Number(row[1]!.split(':')[1]!.split('@')[0]);
  return {
    nodes: servers.map((s) => `127.0.0.1:${s.port}`),
    servers,
    node: (port) => byPort(port).client({ password }),
    async primaryPorts(askPort) {
      return (await rows(askPort))
        .filter((r) => {
          // A killed primary stays listed as a master, "fail?" (suspected) before "fail": neither serves.
          const flags = r[2]!.split(',');
          return flags.includes('master') && !flags.includes('fail') && !flags.includes('fail?');
        })
        .map(portOf)
        .sort((a, b) => a - b);
    },
    async replicaPorts(port, askPort) {
      const all = await rows(askPort);
      const id = all.find((r) => portOf(r) === port)?.[0];
      return all
        .filter((r) => r[3] === id)
        .map(portOf)
        .sort((a, b) => a - b);
    },
    stop,
  };
}
