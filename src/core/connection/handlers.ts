import type { CoreContext, HandlerMap } from '../context';
import { testConnection } from './test-connection';

export function connectionHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'connection.status'
  | 'connection.connect'
  | 'connection.disconnect'
  | 'connection.embedded'
  | 'connection.test'
  | 'connections.list'
  | 'connections.save'
  | 'connections.remove'
  | 'server.info'
  | 'connection.nodes'
> {
  const { connection, saved } = ctx;
  return {
    'connection.status': () => connection.status(),
    'connection.connect': (target) => {
      const stored =
        target.mode !== 'embedded' && target.saved ? saved.secretsFor(target.saved, target.mode) : undefined;
      return connection.connect(target, stored);
    },
    'connection.disconnect': () => connection.disconnect(),
    'connection.embedded': () => connection.embeddedState(),
    'connection.test': async (target) =>
      testConnection(target, target.saved ? saved.secretsFor(target.saved, target.mode) : {}),
    'connections.list': () => saved.list(),
    'connections.save': (input) => saved.save(input),
    'connections.remove': ({ name }) => saved.remove(name),
    'server.info': () => connection.info(),
    'connection.nodes': async () => ({ nodes: await connection.nodes() }),
  };
}
