import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { waitUntil } from './process-alive';
import { freePort, startTestRedis, type TestRedis } from './redis-server';

const run = promisify(execFile);

export interface TestCluster {
  /** "127.0.0.1:port" of every node. */
  nodes: string[];
  servers: TestRedis[];
  /** A plain (non-cluster) client to one node, closed by stop(). */
  node(port: number): Redis;
  /** Ports of the nodes that are primaries now, ascending. */
  primaryPorts(): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of `primaries` primaries (and `replicas` replicas each) on free ports, made with
 * `redis-cli --cluster create`; resolves once every node says cluster_state:ok. The bus port is chosen free
 * too (`cluster-port`), rather than port + 10000 which may be taken or out of range.
 */
export async function startTestCluster(primaries = 3, replicas = 0): Promise<TestCluster> {
  const servers: TestRedis[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  try {
    for (let i = 0; i < primaries * (1 + replicas); i++) {
      const bus = await freePort();
      servers.push(
        await startTestRedis([
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-port',
          String(bus),
          '--cluster-node-timeout',
          '2000',
        ]),
      );
    }
    const nodes = servers.map((s) => `127.0.0.1:${s.port}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    const admins = servers.map((s) => s.client());
    const ok = async (a: Redis): Promise<boolean> =>
      /cluster_state:ok/.test((await a.cluster('INFO')) as string);
    await waitUntil(async () => (await Promise.all(admins.map(ok))).every(Boolean), 20_000, 50);
  } catch (err) {
    await stop();
    throw err;
  }
  const byPort = (port: number): TestRedis => {
    const s = servers.find((x) => x.port === port);
    if (!s) throw new Error(`no cluster node on ${port}`);
    return s;
  };
  return {
    nodes: servers.map((s) => `127.0.0.1:${s.port}`),
    servers,
    node: (port) => byPort(port).client(),
    async primaryPorts() {
      const text = (await servers[0]!.client().cluster('NODES')) as string;
      return text
        .split('\n')
        .filter((l) => l.split(' ')[2]?.split(',').includes('master'))
        .map((l) => Number(l.split(' ')[1]!.split(':')[1]!.split('@')[0]))
        .sort((a, b) => a - b);
    },
    stop,
  };
}
