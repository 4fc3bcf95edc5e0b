import type { RespReply } from '../../../../shared/contract';

/** A byte string for display: text as is, base64 bytes decoded to \xHH escapes as redis-cli shows them. */
export function shownBytes(value: string, encoding?: 'base64'): string {
  if (encoding !== 'base64') return value;
  const bin = atob(value);
  let out = '';
  for (let i = 0; i < bin.length; i++) {
    const c = bin.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x5c ? bin[i] : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** The reply as redis-cli --raw prints it: strings bare, one element a line. */
export function rawText(r: RespReply): string {
  switch (r.type) {
    case 'string':
      return shownBytes(r.value, r.valueEncoding);
    case 'verbatim':
      return shownBytes(r.value, r.valueEncoding);
    case 'status':
    case 'error':
    case 'bignum':
    case 'double':
      return r.value;
    case 'integer':
      return String(r.value);
    case 'boolean':
      return r.value ? 'true' : 'false';
    case 'nil':
      return '';
    case 'map':
      return r.value.map((e) => `${rawText(e.key)}\n${rawText(e.value)}`).join('\n');
    default:
      return r.value.map(rawText).join('\n');
  }
}

/** A scalar's one-line text in the tree (quoted strings, like redis-cli's default mode). */
export function scalarText(r: RespReply): string {
  switch (r.type) {
    case 'string':
      return `"${shownBytes(r.value, r.valueEncoding).replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
    case 'status':
      return r.value;
    case 'error':
      return `(error) ${r.value}`;
    case 'integer':
      return `(integer) ${r.value}`;
    case 'bignum':
      return `(big number) ${r.value}`;
    case 'double':
      return `(double) ${r.value}`;
    case 'boolean':
      return r.value ? '(true)' : '(false)';
    case 'nil':
      return '(nil)';
    default:
      return '';
  }
}
