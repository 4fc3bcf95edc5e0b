import { create } from 'zustand';
import type { ConnectionStatus, ServerInfo } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { toast } from '../components/Toast/toast-store';

interface ConnectionStore {
  status: ConnectionStatus | null;
  info: ServerInfo | null;
  /** Whether the link to the QueueDesk host (WebSocket) is up. */
  linkUp: boolean;
  infoError: string | null;
  refreshInfo(): Promise<void>;
}

export const useConnection = create<ConnectionStore>((set, get) => ({
  status: null,
  info: null,
  linkUp: false,
  infoError: null,
  async refreshInfo() {
    if (get().status?.state !== 'connected') {
      set({ info: null });
      return;
    }
    try {
      set({ info: await api.call('server.info', {}), infoError: null });
    } catch (err) {
      set({ infoError: errorMessage(err) });
    }
  },
}));

/** Wires the store to the core once: status events, the link state, and a 2 s refresh of the server figures. */
export function startConnectionSync(): () => void {
  const load = (): void => {
    api
      .call('connection.status', {})
      .then((status) => {
        useConnection.setState({ status });
        void useConnection.getState().refreshInfo();
      })
      .catch(() => undefined);
  };
  const offLink = api.onLink((linkUp) => {
    useConnection.setState({ linkUp });
    if (linkUp) load();
  });
  const offChanged = api.on('connection.changed', (status) => {
    useConnection.setState({ status });
    void useConnection.getState().refreshInfo();
  });
  // E.g. "workers stopped because the connection switched": shown whatever page is open.
  const offNotice = api.on('processes.notice', ({ level, text }) =>
    toast(level === 'warn' ? 'error' : 'ok', text),
  );
  const timer = setInterval(() => void useConnection.getState().refreshInfo(), 2000);
  return () => {
    offLink();
    offChanged();
    offNotice();
    clearInterval(timer);
  };
}
