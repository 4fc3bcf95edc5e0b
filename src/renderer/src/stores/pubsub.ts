import { create } from 'zustand';
import type { PubSubStatus, Subscriptions } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { usePubSubMessages } from './pubsub-messages';

export type SubscriptionKind = keyof Subscriptions;

interface PubSubStore {
  status: PubSubStatus | null;
  /** The last refused action, shown until the next one succeeds. */
  error: string | null;
  busy: boolean;
  subscribe(kind: SubscriptionKind, name: string): Promise<boolean>;
  unsubscribe(kind: SubscriptionKind, name: string): Promise<void>;
  setKeyspace(enabled: boolean): Promise<void>;
}

export const usePubSub = create<PubSubStore>((set) => {
  /** Runs one action; a refusal becomes the shown error instead of a thrown one. */
  const act = async (fn: () => Promise<unknown>): Promise<boolean> => {
    set({ busy: true });
    try {
      await fn();
      set({ error: null });
      return true;
    } catch (err) {
      set({ error: errorMessage(err) });
      return false;
    } finally {
      set({ busy: false });
    }
  };
  return {
    status: null,
    error: null,
    busy: false,
    subscribe: (kind, name) => act(() => api.call('pubsub.subscribe', { [kind]: [name] })),
    async unsubscribe(kind, name) {
      await act(() => api.call('pubsub.unsubscribe', { [kind]: [name] }));
    },
    async setKeyspace(enabled) {
      await act(async () => set({ status: await api.call('pubsub.keyspace', { enabled }) }));
    },
  };
});

let started = false;

/**
 * Wires the pub/sub stores to the core once, on first use of the page, and keeps them wired: messages that arrive
 * while another page is shown still reach the table.
 */
export function ensurePubSubSync(): void {
  if (started) return;
  started = true;
  const load = (): void => {
    api
      .call('pubsub.status', {})
      .then((status) => usePubSub.setState({ status }))
      .catch(() => undefined);
  };
  api.onLink((up) => up && load());
  api.on('pubsub.changed', (status) => usePubSub.setState({ status }));
  api.on('pubsub.messages', (batch) => usePubSubMessages.getState().addBatch(batch));
  api.on('connection.changed', load);
}
