import { z } from 'zod';
import { type } from './define';
import { ByteEncoding, BytesInput, KeyRefInput } from './keys';

/** The most one `keys.getRange` call returns: big values are read in many such slices. */
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;
/** The most one `keys.replaceRange` call sends (a segment being edited, in either direction). */
export const MAX_SEGMENT_BYTES = 4 * 1024 * 1024;

const offset = z.number().int().min(0);

export interface StringRange {
  /** STRLEN now: a reader seeing it change knows the value changed under it. */
  length: number;
  start: number;
  value: string;
  valueEncoding: 'base64';
}

export type SaveToFileResult = { saved: false } | { saved: true; path: string; bytes: number };

/** Big values: strings read and edited a slice at a time, and any value saved to a file by streaming. */
export const keysBigMethods = {
  /** Bytes [start, start+length) of a string, always base64 (slices may cut UTF-8 sequences). */
  'keys.getRange': {
    input: KeyRefInput.extend({
      start: offset,
      length: z.number().int().min(1).max(MAX_RANGE_BYTES),
    }).strict(),
    output: type<StringRange>(),
  },
  /**
   * Replaces bytes [start, end) with `value`, only while the string is still `expectedLength` long and those
   * bytes still equal `expected` (CONFLICT otherwise). The TTL is kept.
   */
  'keys.replaceRange': {
    input: KeyRefInput.extend({
      start: offset,
      end: offset,
      expectedLength: offset,
      expected: z.string().max(MAX_SEGMENT_BYTES * 2),
      expectedEncoding: ByteEncoding.optional(),
      value: BytesInput.shape.value.max(MAX_SEGMENT_BYTES * 2),
      valueEncoding: ByteEncoding.optional(),
    }).strict(),
    output: type<{ length: number }>(),
  },
  /**
   * Asks where to save (the app's own dialog) and streams the whole value there from Redis: raw bytes for a
   * string, JSON lines for a collection. UNSUPPORTED where the host has no dialog (serve mode: the page
   * downloads from `/api/download` instead).
   */
  'keys.saveToFile': { input: KeyRefInput, output: type<SaveToFileResult>() },
};
