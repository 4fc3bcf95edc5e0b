import { displayBytes } from '../../../../shared/bytes/escape';
import { toBytes, type WireBytes } from '../../../../shared/bytes/wire';

export { fromBytes, toBytes, type WireBytes } from '../../../../shared/bytes/wire';

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

const PLAIN = /^[!#-~](?:[ -~]*[!-~])?$/;

/** A key or value for display: printable text as is, anything else quoted with redis-cli escapes. */
export function displayText(value: string, encoding?: 'base64'): string {
  // Most names are printable ASCII: they show as they are, without the round trip through bytes.
  if (!encoding && PLAIN.test(value)) return value;
  return displayBytes(toBytes({ value, valueEncoding: encoding } satisfies WireBytes));
}
