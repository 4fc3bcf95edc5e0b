import type { InsidePage, KeyRef } from '../../../shared/contract';
import { api } from '../api';

/** A query run inside the open key instead of reading it from the start. */
export type InsideQuery =
  | { kind: 'match'; match: string }
  | { kind: 'index'; index: number }
  | { kind: 'score'; min: string; max: string; reverse: boolean }
  | { kind: 'stream'; start: string; end: string; reverse: boolean };

export const INSIDE_PAGE = 200;

/** The LRANGE window starting at `index`; a negative one reads towards the tail, never past it. */
function listWindow(index: number, count: number): { start: number; stop: number } {
  if (index >= 0) return { start: index, stop: index + count - 1 };
  return { start: index, stop: Math.min(-1, index + count - 1) };
}

/** One page of the query: from its start (`cursor` null) or from where the last page ended. */
export function fetchInside(
  ref: KeyRef,
  q: InsideQuery,
  cursor: string | null,
  count = INSIDE_PAGE,
): Promise<InsidePage> {
  switch (q.kind) {
    case 'match':
      return api.call('keys.scanMembers', {
        ...ref,
        match: q.match,
        limit: count,
        ...(cursor ? { cursor } : {}),
      });
    case 'index':
      return api.call('keys.listRange', { ...ref, ...listWindow(cursor ? Number(cursor) : q.index, count) });
    case 'score':
      return api.call('keys.zrangeByScore', {
        ...ref,
        min: q.min,
        max: q.max,
        reverse: q.reverse,
        offset: cursor ? Number(cursor) : 0,
        count,
      });
    case 'stream': {
      // The next page goes on after the last id read: exclusive, on the side the reading moves towards.
      const after = cursor ? `(${cursor}` : null;
      return api.call('keys.streamRange', {
        ...ref,
        start: !q.reverse && after ? after : q.start,
        end: q.reverse && after ? after : q.end,
        reverse: q.reverse,
        count,
      });
    }
  }
}
