import { patternBytes } from './escape';
import { fromBytes } from './wire';

/** The filter as typed (`\xff*` for a byte) as SCAN MATCH params: text, or base64 when it is not UTF-8. */
export function matchParams(typed: string): { match?: string; matchEncoding?: 'base64' } {
  if (!typed) return {};
  const w = fromBytes(patternBytes(typed));
  return w.valueEncoding ? { match: w.value, matchEncoding: w.valueEncoding } : { match: w.value };
}
