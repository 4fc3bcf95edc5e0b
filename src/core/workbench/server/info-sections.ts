import type { InfoSection } from '../../../shared/contract';
import { INFO_MEANINGS } from './info-meanings';

/** INFO text ("# Section" headers, "field:value" lines) as sections in the server's order. */
export function parseInfoSections(text: string): InfoSection[] {
  const sections: InfoSection[] = [];
  let current: InfoSection | null = null;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      current = { name: line.replace(/^#\s*/, ''), fields: [] };
      sections.push(current);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!current) {
      current = { name: 'Info', fields: [] };
      sections.push(current);
    }
    const name = line.slice(0, colon);
    const meaning = meaningOf(name);
    current.fields.push({ name, value: line.slice(colon + 1), ...(meaning ? { meaning } : {}) });
  }
  return sections;
}

/** Fields that come one per item (db0, cmdstat_get, errorstat_ERR…) share one meaning. */
function meaningOf(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(INFO_MEANINGS, name)) return INFO_MEANINGS[name];
  if (/^db\d+$/.test(name)) return 'Keys in this database, how many have a TTL, and their average TTL (ms).';
  if (name.startsWith('cmdstat_'))
    return 'Calls of this command, total and per-call CPU time (µs), rejected and failed calls.';
  if (name.startsWith('errorstat_')) return 'Error replies of this kind sent since the start.';
  if (name.startsWith('latency_percentiles_usec_'))
    return 'Latency percentiles of this command (µs), from latency-tracking.';
  if (/^slave\d+$/.test(name)) return 'A connected replica: address, state, replication offset and lag.';
  return undefined;
}
