/**
 * The API's byte rule on plain `Uint8Array`s (no Node `Buffer`, so the renderer can use it): text when the
 * bytes are valid UTF-8, else base64 with an encoding flag.
 */
export interface WireBytes {
  value: string;
  valueEncoding?: 'base64';
}

export function toBytes({ value, valueEncoding }: WireBytes): Uint8Array {
  if (valueEncoding !== 'base64') return new TextEncoder().encode(value);
  const bin = atob(value);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes back to the wire form: plain text when valid UTF-8, else base64. */
export function fromBytes(bytes: Uint8Array): WireBytes {
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let bin = '';
    for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
    return { value: btoa(bin), valueEncoding: 'base64' };
  }
}
