import { Unpackr } from 'msgpackr';
import { toHex } from '../bytes';

// Plain maps and arrays only (no record extension), 64-bit integers as strings so nothing is rounded.
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'string' });

/** The decoded value, or null when the bytes are not exactly one MessagePack value (trailing bytes fail). */
export function unpackMsgpack(
  bytes: Uint8Array,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: toPlain(unpackr.unpack(bytes)) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export const isMsgpack = (bytes: Uint8Array): boolean => {
  const r = unpackMsgpack(bytes);
  return r.ok && typeof r.value === 'object' && r.value !== null;
};

/** What JSON can show: binary as ⟨hex⟩, maps with any keys as objects, bigints and dates as text. */
function toPlain(v: unknown): unknown {
  if (v instanceof Uint8Array) return `⟨${toHex(v)}⟩`;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  return v;
}
