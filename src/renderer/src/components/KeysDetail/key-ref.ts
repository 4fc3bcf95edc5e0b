import type { KeyDetails, KeyRef } from '../../../../shared/contract';

export const refOf = (d: KeyDetails): KeyRef =>
  d.keyEncoding ? { key: d.key, keyEncoding: d.keyEncoding } : { key: d.key };

/** `{value, valueEncoding}` → the `{…, …Encoding}` pair another field name needs. */
export function asField<N extends string>(
  name: N,
  v: { value: string; valueEncoding?: 'base64' },
): Record<N, string> & Partial<Record<`${N}Encoding`, 'base64'>> {
  const out: Record<string, string> = { [name]: v.value };
  if (v.valueEncoding) out[`${name}Encoding`] = v.valueEncoding;
  return out as Record<N, string> & Partial<Record<`${N}Encoding`, 'base64'>>;
}
