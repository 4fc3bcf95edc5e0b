const MAX_REPR = 1024;

/** Python's repr of a JSON value, as Celery's argsrepr/kwargsrepr carry it (logs and events only). */
export function pyRepr(value: unknown): string {
  const text = repr(value);
  return text.length > MAX_REPR ? `${text.slice(0, MAX_REPR - 3)}...` : text;
}

function repr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}}`;
}
