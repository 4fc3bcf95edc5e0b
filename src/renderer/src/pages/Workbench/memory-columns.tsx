import type { AnalyzeKey, AnalyzeNamespace, AnalyzeReport } from '../../../../shared/contract';
import type { Column } from '../../components/SortTable/SortTable';
import { shownBytes } from '../../components/RespTree/resp-text';
import { formatBytes } from '../../format/size';

export { formatBytes } from '../../format/size';

export function formatTtl(ms: number): string {
  if (ms < 0) return 'none';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

const bytesCol = <T extends { bytes: number }>(): Column<T> => ({
  id: 'bytes',
  label: 'Memory',
  value: (r) => r.bytes,
  render: (r) => formatBytes(r.bytes),
  numeric: true,
});
const keysCol = <T extends { keys: number }>(): Column<T> => ({
  id: 'keys',
  label: 'Keys',
  value: (r) => r.keys,
  render: (r) => r.keys.toLocaleString(),
  numeric: true,
});
const elementsCol = <T extends { elements: number }>(): Column<T> => ({
  id: 'elements',
  label: 'Elements',
  value: (r) => r.elements,
  render: (r) => r.elements.toLocaleString(),
  numeric: true,
});

export const namespaceColumns: Column<AnalyzeNamespace>[] = [
  {
    id: 'prefix',
    label: 'Namespace',
    value: (r) => (r.prefix === '' ? '(no delimiter)' : shownBytes(r.prefix, r.prefixEncoding)),
    render: (r) => (
      <span style={{ paddingLeft: (r.depth - 1) * 14 }}>
        {r.prefix === '' ? <em>(no delimiter)</em> : shownBytes(r.prefix, r.prefixEncoding)}
      </span>
    ),
  },
  { id: 'depth', label: 'Level', value: (r) => r.depth, numeric: true },
  keysCol(),
  bytesCol(),
  elementsCol(),
];

export const typeColumns: Column<AnalyzeReport['byType'][number]>[] = [
  { id: 'type', label: 'Type', value: (r) => r.type },
  keysCol(),
  bytesCol(),
  elementsCol(),
];

export const keyColumns: Column<AnalyzeKey>[] = [
  { id: 'key', label: 'Key', value: (r) => shownBytes(r.key, r.keyEncoding) },
  { id: 'type', label: 'Type', value: (r) => r.type },
  bytesCol(),
  elementsCol(),
  { id: 'ttl', label: 'TTL', value: (r) => r.ttlMs, render: (r) => formatTtl(r.ttlMs), numeric: true },
];

const BUCKET_LABELS: Record<string, string> = {
  none: 'No expiry',
  lt1m: '< 1 min',
  lt1h: '< 1 hour',
  lt1d: '< 1 day',
  later: 'Later',
};

export const ttlColumns: Column<AnalyzeReport['ttl'][number]>[] = [
  { id: 'bucket', label: 'Expires', value: (r) => BUCKET_LABELS[r.bucket] ?? r.bucket },
  keysCol(),
  bytesCol(),
];
