import type { ApiClient } from './client';
import { ipcClient } from './ipc-client';
import { wsClient } from './ws-client';

export { ClientError, errorMessage } from './client';
export type { ApiClient } from './client';

/** Picks the transport: the preload's bridge inside Electron, else the serve WebSocket with the page's token. */
function createClient(): ApiClient {
  if (window.queuedesk) return ipcClient(window.queuedesk);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return wsClient(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
}

export const api: ApiClient = createClient();
