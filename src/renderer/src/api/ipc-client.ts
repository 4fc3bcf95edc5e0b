import type { QueueDeskBridge } from '../../../shared/bridge';
import type { Envelope } from '../../../shared/result';
import { ClientError, type ApiClient } from './client';

type LooseBridge = Record<string, Record<string, (params: unknown) => Promise<Envelope<unknown>>>>;

/** Calls through `window.queuedesk`, the preload's typed bridge. */
export function ipcClient(bridge: QueueDeskBridge): ApiClient {
  const loose = bridge as unknown as LooseBridge;
  return {
    transport: 'ipc',
    async call(method, params) {
      const [ns, member] = method.split('.') as [string, string];
      const fn = loose[ns]?.[member];
      if (!fn) throw new ClientError('UNKNOWN_METHOD', `the app does not expose ${method}`);
      const reply = await fn(params);
      if (!reply.ok) throw new ClientError(reply.error.code, reply.error.message);
      return reply.data as never;
    },
    on: (event, listener) => bridge.on(event, listener),
    onLink: (listener) => {
      listener(true);
      return () => undefined;
    },
  };
}
