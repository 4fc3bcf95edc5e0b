import { decodeBytes, encodeBytes } from '../bytes';

export interface BytesRef {
  key: string;
  keyEncoding?: 'base64';
}

/** The key's bytes as the API sent them. */
export function keyBytes(ref: BytesRef): Buffer {
  return decodeBytes(ref.key, ref.keyEncoding);
}

/** `{value, valueEncoding?}` for a value read from Redis. */
export function valueField(buf: Buffer): { value: string; valueEncoding?: 'base64' } {
  const e = encodeBytes(buf);
  return e.encoding ? { value: e.text, valueEncoding: e.encoding } : { value: e.text };
}

export function valueBytes(v: { value: string; valueEncoding?: 'base64' }): Buffer {
  return decodeBytes(v.value, v.valueEncoding);
}
