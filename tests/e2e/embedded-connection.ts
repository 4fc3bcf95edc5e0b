import type { ConnectionStatus, EmbeddedState } from '../../src/shared/contract';
import { WsApi } from '../helpers/ws-api';

const CONNECT_MS = 20_000;

/**
 * Puts a serve back on its embedded Redis (the same server, with the persistence it has) unless it is connected
 * to it already; resolves once connected.
 */
export async function backOnEmbedded(apiUrl: string): Promise<void> {
  const api = await WsApi.open(apiUrl);
  try {
    const status = await api.data<ConnectionStatus>('connection.status');
    if (status.mode === 'embedded' && status.state === 'connected') return;
    const embedded = await api.data<EmbeddedState>('connection.embedded');
    const now = await api.data<ConnectionStatus>('connection.connect', {
      mode: 'embedded',
      ...(embedded.persist === null ? {} : { persist: embedded.persist }),
    });
    if (now.state !== 'connected') {
      await api.waitForEvent(
        'connection.changed',
        (d) => (d as ConnectionStatus).mode === 'embedded' && (d as ConnectionStatus).state === 'connected',
        CONNECT_MS,
      );
    }
  } finally {
    api.close();
  }
}
