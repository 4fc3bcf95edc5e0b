import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface PublishedItem {
  channel: string;
  payload: string;
  base64: boolean;
  /** Sent with SPUBLISH to a shard channel (left out of items remembered before it existed). */
  shard?: boolean;
}

const KEEP = 15;

interface HistoryStore {
  items: PublishedItem[];
  remember(item: PublishedItem): void;
}

/** Recent publishes, newest first, without repeats; kept across reloads. */
export const usePublishHistory = create<HistoryStore>()(
  persist(
    (set) => ({
      items: [],
      remember: (item) =>
        set((s) => ({
          items: [
            item,
            ...s.items.filter(
              (i) =>
                i.channel !== item.channel ||
                i.payload !== item.payload ||
                i.base64 !== item.base64 ||
                Boolean(i.shard) !== Boolean(item.shard),
            ),
          ].slice(0, KEEP),
        })),
    }),
    {
      name: 'queuedesk.pubsub.history',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Version 1 is the first; anything older or unreadable starts empty.
      migrate: () => ({ items: [] }),
    },
  ),
);
