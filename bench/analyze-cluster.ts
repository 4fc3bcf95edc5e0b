/**
 * The cluster part of bench:analyze — N keys (ANALYZE_BENCH_CLUSTER_N, 300k: strings, hashes, lists, a third
 * with a TTL) on a cluster of 3 primaries this bench starts, then in the same run, rounds alternating:
 *   sequential: the analysis of each primary on its own, one after another (as it walked a cluster before);
 *   parallel:   one analysis of the whole cluster, every primary at once (`walkNodes`), unpaced as both are.
 * Both must report the same totals. Then one analysis at a tenth of each primary's time: the busiest primary's
 * busy share (its EVALSHA time, INFO commandstats) of the wall time.
 * Line: `analyze_cluster: ratio=<parallel/sequential> parallel_ms=<n> sequential_ms=<n> paced_redis_time_pct=<n>`.
 */
import { loadavg } from 'node:os';
import { Cluster } from 'ioredis';
import type { Redis } from 'ioredis';
import { primaries } from '../src/core/keys/cluster/primaries';
import { AnalyzeRunner, type AnalyzeNode } from '../src/core/workbench/analyze/runner';
import type { AnalyzeReport } from '../src/shared/contract';
import { fillCluster } from '../tests/helpers/cluster-fill';
import { startTestCluster } from '../tests/helpers/redis-cluster';
import { busyMeter, commandStats } from '../tests/helpers/redis-time';

const N = Number(process.env.ANALYZE_BENCH_CLUSTER_N ?? 300_000);
const ROUNDS = Number(process.env.ANALYZE_BENCH_ROUNDS ?? 2);
const OPTS = { delimiter: ':', top: 50, depth: 3, samples: 5 };

const log = (line: string): void => console.log(`analyze_cluster: ${line}`);

const analyze = (nodes: AnalyzeNode[], share?: number): Promise<AnalyzeReport> =>
  new AnalyzeRunner(
    () => nodes,
    () => undefined,
  ).run({ ...OPTS, share });

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: Math.round(performance.now() - t0), value };
}

export async function analyzeCluster(): Promise<void> {
  const cluster = await startTestCluster(3, 0);
  const client = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  try {
    const sizes = await fillCluster(
      cluster,
      N,
      (j) => `bench:${j % 100}:${j}`,
      (pipe, j) => {
        const k = `bench:${j % 100}:${j}`;
        if (j % 3 === 0) pipe.set(k, `value-${j}`, 'PX', 3_600_000);
        else if (j % 3 === 1) pipe.hset(k, 'a', '1', 'b', String(j));
        else pipe.rpush(k, 'x', 'y', 'z');
      },
    );
    log(`primaries hold ${sizes.map((s) => s.toLocaleString('en')).join(' + ')} keys`);
    await new Promise((resolve) =>
      client.status === 'ready' ? resolve(null) : client.once('ready', resolve),
    );
    const nodes = primaries(client).map((p) => ({ node: p.name, redis: p.redis }));
    const seq: number[] = [];
    const par: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const s = await timed(async () => {
        const parts: AnalyzeReport[] = [];
        for (const node of nodes) parts.push(await analyze([node]));
        return parts;
      });
      const p = await timed(() => analyze(nodes));
      const seqKeys = s.value.reduce((a, r) => a + r.totals.keys, 0);
      const seqBytes = s.value.reduce((a, r) => a + r.totals.bytes, 0);
      if (p.value.totals.keys !== seqKeys || p.value.totals.bytes !== seqBytes || seqKeys !== N)
        throw new Error(
          `parallel ${JSON.stringify(p.value.totals)}, sequential ${seqKeys} keys ${seqBytes} B`,
        );
      seq.push(s.ms);
      par.push(p.ms);
      log(
        `round ${round}: sequential ${s.ms} ms, parallel ${p.ms} ms, same totals (${seqKeys} keys; load average ${loadavg()[0]!.toFixed(1)})`,
      );
    }
    const admins: Redis[] = (await cluster.primaryPorts()).map((port) => cluster.node(port));
    const meter = await busyMeter(
      admins,
      async (a) => (await commandStats(a)).byCommand.get('evalsha')?.usec ?? 0,
    );
    const paced = await timed(() => analyze(nodes, 0.1));
    const pcts = await meter();
    if (paced.value.totals.keys !== N) throw new Error(`paced analysis saw ${paced.value.totals.keys} keys`);
    log(
      `at a tenth of each primary: ${paced.ms} ms, primaries busy ${pcts.map((p) => p.toFixed(1)).join(' / ')} %`,
    );
    const [bs, bp] = [Math.min(...seq), Math.min(...par)];
    console.log(
      `analyze_cluster: ratio=${(bp / bs).toFixed(2)} parallel_ms=${bp} sequential_ms=${bs} ` +
        `paced_redis_time_pct=${Math.max(...pcts).toFixed(1)}`,
    );
  } finally {
    client.disconnect();
    await cluster.stop();
  }
}
