import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { MethodName, Params, Result } from '../../../src/shared/contract';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';

export interface ClusterHost {
  host: CoreHost;
  cluster: TestCluster;
  /** "127.0.0.1:port" of each primary, ascending. */
  primaries: string[];
  /** A plain client to the node at "host:port" (no redirection). */
  node(address: string): Redis;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  fail(method: MethodName, params: unknown): Promise<{ code: string; message: string }>;
}

/** A 3-primary cluster and a core host connected to it (through one seed node), for one test file. */
export function useClusterHost(): ClusterHost {
  const h = { primaries: [] as string[] } as unknown as ClusterHost;
  beforeAll(async () => {
    h.cluster = await startTestCluster(3, 0);
    h.host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-wb-')) });
    const r = await h.host.call('connection.connect', { mode: 'cluster', nodes: [h.cluster.nodes[0]] });
    if (!r.ok) throw new Error(r.error.message);
    h.primaries = (await h.cluster.primaryPorts()).map((p) => `127.0.0.1:${p}`);
  }, 60_000);
  afterAll(async () => {
    await h.host?.close();
    await h.cluster?.stop();
  });
  h.node = (address) => h.cluster.node(Number(address.split(':')[1]));
  h.call = async (method, params) => {
    const r = await h.host.call(method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as never;
  };
  h.fail = async (method, params) => {
    const r = await h.host.call(method, params);
    if (r.ok) throw new Error(`${method} succeeded`);
    return r.error;
  };
  return h;
}
