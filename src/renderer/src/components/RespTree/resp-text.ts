import { escapeBytes } from '../../../../shared/bytes/escape';
import { toBytes } from '../../../../shared/bytes/wire';
import type { RespReply } from '../../../../shared/contract';

/** A byte string for display: text as is, other bytes as the escapes redis-cli shows. */
export function shownBytes(value: string, encoding?: 'base64'): string {
  return encoding === 'base64' ? escapeBytes(toBytes({ value, valueEncoding: encoding })) : value;
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
      return `"${escapeBytes(toBytes(r))}"`;
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
