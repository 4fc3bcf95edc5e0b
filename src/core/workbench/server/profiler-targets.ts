import type { CoreContext } from '../../context';
import { primaries } from '../../keys/cluster/primaries';
import type { Redis } from 'ioredis';
import { listClients, parseClientList } from './clients';
import { ClientNames } from './own-addresses';
import type { MonitorTarget } from './profiler';
import type { ServerProbe } from './profiler-guard';

const WHAT = 'the profiler';

/**
 * What the profiler watches: the one server; on a cluster the node asked for, or every primary (each runs only
 * the commands for its own slots, so together they show the whole cluster's traffic).
 */
export function profilerTargets(ctx: CoreContext, node: string | undefined): MonitorTarget[] {
  const cluster = ctx.connection.cluster();
  if (!cluster) {
    const redis = () => ctx.connection.singleServer('the server page');
    // async: NOT_CONNECTED rejects, not throws
    return [
      {
        options: ctx.connection.directOptions(),
        names: new ClientNames(async () => listClients(redis())),
        probe: serverProbe(async () => redis()),
      },
    ];
  }
  const nodes = node ? [node] : primaries(cluster).map((p) => p.name);
  return nodes.map((n) => ({
    node: n,
    options: ctx.connection.nodeOptions(n, WHAT),
    names: new ClientNames(async () => listClients(ctx.connection.nodeClient(n, WHAT))),
    probe: serverProbe(async () => ctx.connection.nodeClient(n, WHAT)),
  }));
}

/** CLIENT LIST ID (Redis 6.2+; older servers answer the whole list, filtered here) and CONFIG GET maxmemory. */
function serverProbe(redis: () => Promise<Redis>): ServerProbe {
  return {
    async clientMemory(id) {
      const r = await redis();
      const text = await r.call('CLIENT', 'LIST', 'ID', id).catch(() => r.call('CLIENT', 'LIST'));
      const row = parseClientList(String(text)).find((c) => c.id === id);
      return row ? Math.max(row.totMem, row.omem) : null;
    },
    async maxmemory() {
      const reply = (await (await redis()).call('CONFIG', 'GET', 'maxmemory')) as string[];
      return Number(reply[1] ?? 0) || 0;
    },
  };
}
