/** The renderer's side of the API's byte rule: text, or base64 with an encoding flag. */
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

export function toHex(bytes: Uint8Array): string {
  const parts: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = bytes[i]!.toString(16).padStart(2, '0');
  return parts.join(' ');
}

/** Parses "de ad be ef" / "deadbeef"; null when it is not hex. */
export function fromHex(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A key or value for display: text as is, binary as hex with a marker. */
export function displayText(value: string, encoding?: 'base64'): string {
  return encoding === 'base64' ? `⟨${toHex(toBytes({ value, valueEncoding: encoding }))}⟩` : value;
}
