/**
 * The cluster part of bench:keys — N keys (the same mixed types as the single-server part) written to a cluster
 * of 3 primaries this bench starts, then in the same run:
 *   baseline: `redis-cli -p <port> --scan` on every primary, one after another (as a user lists a cluster in a
 *             shell loop; `redis-cli --cluster call` also visits the nodes in turn): every key name of every
 *             primary;
 *   ours:     `keys.scanAll` over the serve WebSocket, unpaced (share 1: the listing at full speed, as the
 *             one-server `keys:` line measures it), timed to the done event after the last key (best of 3) and
 *             to the first 500 rows (median of 3).
 * Then one walk at the Keys panel's default pace (a tenth of each primary's time): the busiest primary's busy
 * share of its wall time, by INFO commandstats as `keys_walk` measures one server.
 * Line: `keys_cluster: ratio=<ours/redis-cli> first_page_ms=<n> paced_redis_time_pct=<n> paced_walk_s=<n>`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import { processCpuMs, redisCpuMs } from './cpu-time';
import { fillCluster } from '../tests/helpers/cluster-fill';
import { startTestCluster, type TestCluster } from '../tests/helpers/redis-cluster';
import { busyUsec } from '../tests/helpers/redis-time';
import { startServeProcess } from '../tests/helpers/serve-process';
import { addKey, keyName } from './keys-load';
import { redisCliScan } from './redis-cli-scan';
import { apiCall, FIRST_PAGE_ROWS, scanAll } from './scan-all-client';

const COUNT = Number(process.env.KEYS_BENCH_COUNT ?? 0);

const log = (line: string): void => console.log(`keys_cluster: ${line}`);
const ms = (t0: number): number => Math.round(performance.now() - t0);
const load = (): string => loadavg()[0]!.toFixed(1);

/** N keys of the keys benches, each written straight to the primary that owns its slot. */
async function loadCluster(cluster: TestCluster, n: number): Promise<void> {
  const sizes = await fillCluster(cluster, n, keyName, addKey);
  if (sizes.reduce((a, b) => a + b, 0) !== n)
    throw new Error(`cluster holds ${sizes.join('+')} keys, not ${n}`);
  log(`primaries hold ${sizes.map((s) => s.toLocaleString('en')).join(' + ')} keys`);
}

/**
 * One walk at the panel's default pace: the busiest primary's busy share of the walk's wall time, in percent
 * (INFO commandstats, as keys_walk measures one server). Each primary keeps to its own share.
 */
async function pacedWalk(url: string, admins: Redis[], n: number): Promise<{ pct: number; s: number }> {
  const before = await Promise.all(admins.map(busyUsec));
  const t0 = performance.now();
  const r = await scanAll(url, {});
  const wallMs = performance.now() - t0;
  const after = await Promise.all(admins.map(busyUsec));
  if (r.keys !== n) throw new Error(`paced walk returned ${r.keys} keys, expected ${n}`);
  const pcts = after.map((a, i) => (a - before[i]!) / (wallMs * 10));
  log(
    `walk at the default share: ${Math.round(wallMs)} ms, primaries busy ${pcts.map((p) => p.toFixed(1)).join(' / ')} % of it (load ${load()})`,
  );
  return { pct: Math.max(...pcts), s: wallMs / 1000 };
}

/** CPU time of this process's reaped children (cutime + cstime, ms): the redis-cli runs. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** `redis-cli --scan` on each primary in turn: the names of every key of the cluster. */
async function baseline(ports: number[]): Promise<{ names: number; ms: number; cliCpuMs: number }> {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  let names = 0;
  for (const port of ports) names += await redisCliScan(port);
  return { names, ms: ms(t0), cliCpuMs: childrenCpuMs() - cpu0 };
}

export async function benchKeysCluster(n: number): Promise<void> {
  const cluster = await startTestCluster(3, 0);
  // KEYS_BENCH_PROF=<dir>: serve writes a CPU profile of the whole run there (node --cpu-prof).
  const prof = process.env.KEYS_BENCH_PROF;
  const serve = await startServeProcess([], {
    nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
  });
  try {
    const t0 = performance.now();
    await loadCluster(cluster, n);
    log(`loaded ${n.toLocaleString('en')} keys over 3 primaries in ${ms(t0)} ms`);
    await apiCall(serve.apiUrl, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });

    const ports = await cluster.primaryPorts();
    const admins = ports.map((port) => cluster.node(port));
    const redisCpu = async (): Promise<number> =>
      (await Promise.all(admins.map(redisCpuMs))).reduce((a, b) => a + b, 0);
    let cpu0 = await redisCpu();
    const base = await baseline(ports);
    const baseRedisCpu = (await redisCpu()) - cpu0;
    if (base.names !== n) throw new Error(`redis-cli listed ${base.names} names, expected ${n}`);
    log(
      `baseline redis-cli --scan on each primary in turn: ${base.names.toLocaleString('en')} names in ${base.ms} ms, CPU: primaries ${baseRedisCpu} ms, redis-cli ${base.cliCpuMs} ms (load ${load()})`,
    );

    const firstPages: number[] = [];
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      cpu0 = await redisCpu();
      const serveCpu0 = processCpuMs(serve.proc.pid!);
      const mine0 = process.cpuUsage();
      // Unpaced (share 1), as the one-server `keys:` line measures it: the listing at full speed.
      const r = await scanAll(serve.apiUrl, { share: 1, ...(COUNT ? { count: COUNT } : {}) });
      const mine = process.cpuUsage(mine0);
      log(
        `walk ${run + 1}: ${Math.round(r.ms)} ms; CPU: primaries ${(await redisCpu()) - cpu0} ms, ` +
          `serve ${processCpuMs(serve.proc.pid!) - serveCpu0} ms, ` +
          `this reader ${Math.round((mine.user + mine.system) / 1000)} ms (load ${load()})`,
      );
      if (r.keys !== n) throw new Error(`scan-all returned ${r.keys} keys, expected ${n}`);
      best = Math.min(best, r.ms);
      firstPages.push(r.firstPageMs);
    }
    firstPages.sort((a, b) => a - b);
    const firstPageMs = Math.round(firstPages[1]!);
    log(
      `queuedesk keys.scanAll unpaced with type+TTL+slot+node: ${n.toLocaleString('en')} keys in ${Math.round(best)} ms (best of 3, load ${load()})`,
    );
    log(`first page (${FIRST_PAGE_ROWS} keys): ${firstPages.map(Math.round).join(' / ')} ms`);
    const paced = await pacedWalk(serve.apiUrl, admins, n);
    console.log(
      `keys_cluster: ratio=${(best / base.ms).toFixed(2)} first_page_ms=${firstPageMs} ` +
        `paced_redis_time_pct=${paced.pct.toFixed(1)} paced_walk_s=${paced.s.toFixed(1)}`,
    );
  } finally {
    await serve.stop();
    await cluster.stop();
  }
}
