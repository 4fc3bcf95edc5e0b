import type { KeyRef } from '../../../shared/contract';
import { api } from '../api';
import { fromBytes, toBytes, type WireBytes } from '../components/ValueViewer/bytes';
import { utf8Boundary } from '../workers/value-layout';

/** A big string is edited this much at a time; saving splices just this segment in Redis. */
export const SEGMENT_BYTES = 16 * 1024;

export interface Segment {
  index: number;
  count: number;
  start: number;
  end: number;
  /** The string's length when the segment was read: the save is refused if it changed. */
  length: number;
  bytes: Uint8Array;
}

/** Segment `index`, its edges moved forward to whole UTF-8 characters so text segments decode cleanly. */
export async function readSegment(ref: KeyRef, index: number, length: number): Promise<Segment> {
  const count = Math.max(1, Math.ceil(length / SEGMENT_BYTES));
  const i = Math.min(Math.max(0, index), count - 1);
  const from = i * SEGMENT_BYTES;
  const to = Math.min(length, from + SEGMENT_BYTES);
  const r = await api.call('keys.getRange', { ...ref, start: from, length: Math.max(1, to - from + 3) });
  const buf = toBytes(r);
  const start = from === 0 ? 0 : from + utf8Boundary(buf, 0);
  const end = to >= r.length ? r.length : from + utf8Boundary(buf, to - from);
  return { index: i, count, start, end, length: r.length, bytes: buf.subarray(start - from, end - from) };
}

export function segmentValue(s: Segment): WireBytes {
  return fromBytes(s.bytes);
}

/** Replaces the segment with the edited bytes, guarded by the bytes and length that were read. */
export function saveSegment(ref: KeyRef, s: Segment, edited: WireBytes): Promise<{ length: number }> {
  const expected = fromBytes(s.bytes);
  return api.call('keys.replaceRange', {
    ...ref,
    start: s.start,
    end: s.end,
    expectedLength: s.length,
    expected: expected.value,
    ...(expected.valueEncoding ? { expectedEncoding: expected.valueEncoding } : {}),
    ...edited,
  });
}
