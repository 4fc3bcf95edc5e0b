import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { FORMATS, type Format } from '../components/ValueViewer/formats/detect';

/** Namespaces remembered at most; the oldest choice goes first. */
const KEEP = 500;

/** A key's namespace: its name up to and including the last delimiter (`cache:user:42` → `cache:user:`). */
export function namespaceOf(key: string, delimiter: string): string {
  const i = delimiter ? key.lastIndexOf(delimiter) : -1;
  return i < 0 ? '' : key.slice(0, i + delimiter.length);
}

interface FormatChoices {
  /** Namespace → the format picked by hand for values under it (absent: detected from the bytes). */
  byNamespace: Record<string, Format>;
  choose(namespace: string, format: Format | null): void;
}

/** How values are shown, per key namespace, kept across reloads. */
export const useValueFormats = create<FormatChoices>()(
  persist(
    (set) => ({
      byNamespace: {},
      choose: (namespace, format) =>
        set((s) => {
          const rest = Object.entries(s.byNamespace).filter(([ns]) => ns !== namespace);
          const kept = format ? [...rest, [namespace, format] as const] : rest;
          return { byNamespace: Object.fromEntries(kept.slice(-KEEP)) };
        }),
    }),
    {
      name: 'queuedesk.keys.valueFormats',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Version 1 is the first; anything older or unreadable starts empty.
      migrate: () => ({ byNamespace: {} }),
      // A format this build does not know (a stored value from a newer one) is dropped.
      merge: (stored, current) => {
        const known = Object.entries((stored as Partial<FormatChoices>)?.byNamespace ?? {}).filter(([, f]) =>
          (FORMATS as readonly string[]).includes(f),
        );
        return { ...current, byNamespace: Object.fromEntries(known) };
      },
    },
  ),
);
