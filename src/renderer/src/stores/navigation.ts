import { create } from 'zustand';

export const PAGES = ['queues', 'compose', 'keys', 'pubsub', 'processes', 'workbench', 'connection'] as const;
export type PageId = (typeof PAGES)[number];

function fromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (PAGES as readonly string[]).includes(id ?? '') ? (id as PageId) : 'queues';
}

interface NavigationStore {
  page: PageId;
  go(page: PageId): void;
}

/** The page lives in the URL hash, so reloads and links keep it (and the serve token in the query stays). */
export const useNavigation = create<NavigationStore>((set) => ({
  page: fromHash(),
  go(page) {
    window.location.hash = `/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ page: fromHash() }));
