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
> {
  const { connection, saved } = ctx;
  return {
    'connection.status': () => connection.status(),
    'connection.connect': (target) => {
      const password = target.mode !== 'embedded' && target.saved ? saved.password(target.saved) : undefined;
      return connection.connect(target, password);
    },
    'connection.disconnect': () => connection.disconnect(),
    'connection.embedded': () => connection.embeddedState(),
    'connection.test': async (target) => {
      const password = target.saved ? saved.password(target.saved) : undefined;
      return testConnection(target, password);
    },
    'connections.list': () => saved.list(),
    'connections.save': (input) => saved.save(input),
    'connections.remove': ({ name }) => saved.remove(name),
    'server.info': () => connection.info(),
  };
}
