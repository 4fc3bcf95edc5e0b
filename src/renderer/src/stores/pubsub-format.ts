import type { PubSubMessage } from '../../../shared/contract';

/** A message as the table keeps it: a running id for keys and selection. */
export type MessageRow = PubSubMessage & { id: number };

/** The renderer keeps about this many rows; older ones leave the table (and are counted as trimmed). */
export const MAX_ROWS = 5000;

/** Appends a batch, keeping only the newest `max` rows; returns the rows and how many left. */
export function appendCapped(
  rows: MessageRow[],
  batch: PubSubMessage[],
  firstId: number,
  max = MAX_ROWS,
): { rows: MessageRow[]; trimmed: number } {
  const skip = Math.max(0, batch.length - max);
  const fresh = batch.slice(skip) as MessageRow[];
  // The batch objects are fresh from JSON.parse and ours alone: tagging them avoids copying thousands per batch.
  fresh.forEach((m, i) => (m.id = firstId + skip + i));
  const keepOld = Math.max(0, max - fresh.length);
  const old = rows.length > keepOld ? rows.slice(rows.length - keepOld) : rows;
  return { rows: old.length ? old.concat(fresh) : fresh, trimmed: skip + rows.length - old.length };
}

/** A case-insensitive match on channel, pattern or payload. */
export function rowFilter(text: string): (m: MessageRow) => boolean {
  const needle = text.trim();
  if (!needle) return () => true;
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return (m) => re.test(m.channel) || re.test(m.payload) || (m.pattern !== undefined && re.test(m.pattern));
}

/** The payload pretty-printed when it is JSON, else as it came. */
export function prettyPayload(m: PubSubMessage): { text: string; json: boolean } {
  if (m.payloadEncoding === 'base64' || m.truncated) return { text: m.payload, json: false };
  const t = m.payload.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return { text: m.payload, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(m.payload), null, 2), json: true };
  } catch {
    return { text: m.payload, json: false };
  }
}

/** Hex dump lines (16 bytes each) of a base64 payload's first bytes. */
export function hexDump(base64: string, maxBytes = 512): string {
  const bin = atob(base64).slice(0, maxBytes);
  const lines: string[] = [];
  for (let at = 0; at < bin.length; at += 16) {
    const chunk = [...bin.slice(at, at + 16)].map((c) => c.charCodeAt(0));
    const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

/** One JSON object per line, the wire form of each message (id left out). */
export function toJsonLines(rows: MessageRow[]): string {
  return rows.map(({ id: _id, ...m }) => JSON.stringify(m)).join('\n') + (rows.length ? '\n' : '');
}

export function formatTime(ts: number): string {
  const d = new Date(ts);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export { formatBytes } from '../format/size';
