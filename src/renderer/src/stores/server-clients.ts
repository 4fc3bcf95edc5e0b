import { create } from 'zustand';
import type { ClientRow } from '../../../shared/contract';
import { api, ClientError, errorMessage } from '../api';
import { pickedNode, pickedOrPrimaries } from './cluster-nodes';

interface ClientsStore {
  clients: ClientRow[];
  error: string | null;
  /** A kill waiting for the user's yes, with the server's reason (it says when the client is QueueDesk's own). */
  pendingKill: { id: string; reason: string; node?: string } | null;
  notice: string | null;
  load(): Promise<void>;
  /** Asks the server (on a cluster, the client's node); a CONFIRMATION_REQUIRED answer becomes `pendingKill`. */
  kill(id: string, confirm?: boolean, node?: string): Promise<void>;
  dismissKill(): void;
}

export const useClients = create<ClientsStore>((set, get) => ({
  clients: [],
  error: null,
  pendingKill: null,
  notice: null,
  async load() {
    try {
      set({ clients: (await api.call('server.clients', pickedOrPrimaries())).clients, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async kill(id, confirm, node) {
    try {
      const at = node ? { node } : pickedNode();
      const { killed, own } = await api.call('server.clientKill', { id, confirm, ...at });
      const note = own ? ' (one of QueueDesk’s own: it reconnects by itself)' : '';
      set({ notice: killed ? `Client ${id} disconnected${note}.` : `Client ${id} was already gone.` });
    } catch (err) {
      if (err instanceof ClientError && err.code === 'CONFIRMATION_REQUIRED') {
        set({ pendingKill: { id, reason: err.message, ...(node ? { node } : {}) } });
        return;
      }
      set({ error: errorMessage(err) });
    }
    await get().load();
  },
  dismissKill: () => set({ pendingKill: null }),
}));
