/**
 * Redis keys and values are bytes. Across the API they travel as text when they are valid UTF-8, otherwise as
 * base64 with a sibling `…Encoding: "base64"` field (DESIGN: one rule for keys, values and payloads).
 */
export type ByteEncoding = 'base64';

export interface EncodedBytes {
  text: string;
  encoding?: ByteEncoding;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeBytes(buf: Buffer): EncodedBytes {
  try {
    return { text: decoder.decode(buf) };
  } catch {
    return { text: buf.toString('base64'), encoding: 'base64' };
  }
}

export function decodeBytes(text: string, encoding?: ByteEncoding): Buffer {
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}
