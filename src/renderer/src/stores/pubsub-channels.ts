import { create } from 'zustand';
import type { ActiveChannels } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface ChannelsStore {
  active: ActiveChannels | null;
  error: string | null;
  refresh(): Promise<void>;
}

/** The server's active channels (PUBSUB CHANNELS + NUMSUB + NUMPAT), refreshed while the panel is shown. */
export const useActiveChannels = create<ChannelsStore>((set) => ({
  active: null,
  error: null,
  async refresh() {
    try {
      set({ active: await api.call('pubsub.channels', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
