/** "1 byte", "512 bytes", "1.50 KiB", "20.0 MiB", "3.20 GiB"; '' when unknown. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n < 1024) return n === 1 ? '1 byte' : `${n} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

const UNITS: Record<string, [string, string]> = {
  hash: ['field', 'fields'],
  list: ['item', 'items'],
  set: ['member', 'members'],
  zset: ['member', 'members'],
  stream: ['entry', 'entries'],
};

/** A key's size in its type's own words: bytes for a string, fields of a hash, members of a set… */
export function formatSize(type: string, n: number): string {
  if (type === 'string') return formatBytes(n);
  const [one, many] = UNITS[type] ?? ['item', 'items'];
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
