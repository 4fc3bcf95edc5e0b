import type { MethodName } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import type { CoreContext, HandlerMap } from '../../context';
import { listClients } from './clients';
import { readConfig, setConfig } from './config';
import { parseInfoSections } from './info-sections';
import { readLatency } from './latency';
import { pageNode, pageNodes, tagged } from './page-nodes';
import { Profiler } from './profiler';
import { profilerTargets } from './profiler-targets';
import { mergeSlowlogs, readSlowlog } from './slowlog';

type ServerViewMethod = Exclude<Extract<MethodName, `server.${string}`>, 'server.info'>;

function requireConfirmed(confirm: boolean | undefined, what: string): void {
  if (confirm !== true) {
    throw new ApiError(
      'CONFIRMATION_REQUIRED',
      `${what}: pass confirm: true to go ahead (nothing was changed)`,
    );
  }
}

/**
 * The Workbench's server views: slow log, latency, clients, INFO, CONFIG and the MONITOR profiler. On a cluster
 * each reads the node picked (`node`); the slow log and clients can also merge every primary.
 */
export function serverViewsHandlers(ctx: CoreContext): HandlerMap<ServerViewMethod> {
  const redis = (node?: string) => pageNode(ctx.connection, node).redis;
  const profiler = new Profiler({
    targets: (node) => profilerTargets(ctx, node),
    emit: (e) => ctx.emit('server.profilerLines', e),
    backlogBytes: () => ctx.backlogBytes(),
  });
  ctx.connection.on('changed', (s) => s.state !== 'connected' && profiler.stop(undefined, 'connection'));
  ctx.onClose(() => void profiler.stop(undefined, 'connection'));
  return {
    'server.slowlog': async ({ limit, node }) => {
      const views = pageNodes(ctx.connection, node).map(async (n) => {
        const view = await readSlowlog(n.redis, limit);
        return { ...view, entries: tagged(view.entries, n.node) };
      });
      return mergeSlowlogs(await Promise.all(views), limit);
    },
    'server.slowlogReset': async ({ confirm, node }) => {
      const length = (await redis(node).call('SLOWLOG', 'LEN')) as number;
      requireConfirmed(confirm, `SLOWLOG RESET deletes the slow log (${length} entries now)`);
      await redis(node).call('SLOWLOG', 'RESET');
      return { cleared: length };
    },
    'server.latency': ({ node }) => readLatency(redis(node)),
    'server.latencyReset': async ({ events, confirm, node }) => {
      const which = events?.length ? `the samples of ${events.join(', ')}` : 'every latency sample';
      requireConfirmed(confirm, `LATENCY RESET deletes ${which}`);
      const reset = (await redis(node).call('LATENCY', 'RESET', ...(events ?? []))) as number;
      return { reset };
    },
    'server.clients': async ({ node }) => {
      const lists = pageNodes(ctx.connection, node).map(async (n) =>
        tagged(await listClients(n.redis), n.node),
      );
      return { clients: (await Promise.all(lists)).flat() };
    },
    'server.clientKill': async ({ id, confirm, node }) => {
      const client = (await listClients(redis(node))).find((c) => c.id === id);
      if (!client) throw new ApiError('NOT_FOUND', `no client with id ${id} (it may have disconnected)`);
      const who = `${client.addr}${client.name ? ` "${client.name}"` : ''}`;
      if (client.own) {
        requireConfirmed(
          confirm,
          `client ${id} (${who}) is one of QueueDesk's own connections: killing it interrupts what it was ` +
            'doing, and QueueDesk opens it again',
        );
      } else {
        requireConfirmed(
          confirm,
          `CLIENT KILL disconnects client ${id} (${who}); it may reconnect by itself`,
        );
      }
      const killed = (await redis(node).call('CLIENT', 'KILL', 'ID', id)) as number;
      return { killed, own: client.own };
    },
    'server.infoSections': async ({ node }) => {
      const server = redis(node);
      const text = await server.call('INFO', 'everything').catch(() => server.call('INFO')); // servers before 7 do not know "everything"
      return { sections: parseInfoSections(String(text)) };
    },
    'server.config': async ({ match, node }) => ({ settings: await readConfig(redis(node), match ?? '*') }),
    'server.configSet': ({ name, value, node }) => setConfig(redis(node), name, value),
    'server.profilerStart': ({ seconds, excludeOwn, profilerId, node }) =>
      profiler.start(seconds, excludeOwn, profilerId, node),
    'server.profilerStop': ({ profilerId }) => ({ stopped: profiler.stop(profilerId, 'user') }),
  };
}
