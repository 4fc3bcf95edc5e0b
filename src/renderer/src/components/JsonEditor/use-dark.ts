import { useSyncExternalStore } from 'react';

const query = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

/** Whether the system (or the test's emulated media) asks for the dark theme; follows changes live. */
export function useDarkScheme(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const q = query();
      q.addEventListener('change', cb);
      return () => q.removeEventListener('change', cb);
    },
    () => query().matches,
  );
}
