import type { MethodName } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import type { CoreContext, HandlerMap } from '../../context';
import { listClients } from './clients';
import { readConfig, setConfig } from './config';
import { parseInfoSections } from './info-sections';
import { readLatency } from './latency';
import { ClientNames } from './own-addresses';
import { Profiler } from './profiler';
import { readSlowlog } from './slowlog';

type ServerViewMethod = Exclude<Extract<MethodName, `server.${string}`>, 'server.info'>;

function requireConfirmed(confirm: boolean | undefined, what: string): void {
  if (confirm !== true) {
    throw new ApiError(
      'CONFIRMATION_REQUIRED',
      `${what}: pass confirm: true to go ahead (nothing was changed)`,
    );
  }
}

/** The Workbench's server views: slow log, latency, clients, INFO, CONFIG and the MONITOR profiler. */
export function serverViewsHandlers(ctx: CoreContext): HandlerMap<ServerViewMethod> {
  const redis = () => ctx.connection.singleServer('the server page');
  const profiler = new Profiler({
    options: () => ctx.connection.directOptions(),
    names: () => new ClientNames(async () => listClients(redis())), // async: NOT_CONNECTED rejects, not throws
    emit: (e) => ctx.emit('server.profilerLines', e),
    backlogBytes: () => ctx.backlogBytes(),
  });
  ctx.connection.on('changed', (s) => s.state !== 'connected' && profiler.stop(undefined, 'connection'));
  ctx.onClose(() => void profiler.stop(undefined, 'connection'));
  return {
    'server.slowlog': ({ limit }) => readSlowlog(redis(), limit),
    'server.slowlogReset': async ({ confirm }) => {
      const length = (await redis().call('SLOWLOG', 'LEN')) as number;
      requireConfirmed(confirm, `SLOWLOG RESET deletes the slow log (${length} entries now)`);
      await redis().call('SLOWLOG', 'RESET');
      return { cleared: length };
    },
    'server.latency': () => readLatency(redis()),
    'server.latencyReset': async ({ events, confirm }) => {
      const which = events?.length ? `the samples of ${events.join(', ')}` : 'every latency sample';
      requireConfirmed(confirm, `LATENCY RESET deletes ${which}`);
      const reset = (await redis().call('LATENCY', 'RESET', ...(events ?? []))) as number;
      return { reset };
    },
    'server.clients': async () => ({ clients: await listClients(redis()) }),
    'server.clientKill': async ({ id, confirm }) => {
      const client = (await listClients(redis())).find((c) => c.id === id);
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
      const killed = (await redis().call('CLIENT', 'KILL', 'ID', id)) as number;
      return { killed, own: client.own };
    },
    'server.infoSections': async () => {
      const text = await redis()
        .call('INFO', 'everything')
        .catch(() => redis().call('INFO')); // servers before 7 do not know "everything"
      return { sections: parseInfoSections(String(text)) };
    },
    'server.config': async ({ match }) => ({ settings: await readConfig(redis(), match ?? '*') }),
    'server.configSet': ({ name, value }) => setConfig(redis(), name, value),
    'server.profilerStart': ({ seconds, excludeOwn, profilerId }) =>
      profiler.start(seconds, excludeOwn, profilerId),
    'server.profilerStop': ({ profilerId }) => ({ stopped: profiler.stop(profilerId, 'user') }),
  };
}
