/** Ways a value's bytes can be shown; gzip and zlib show what they decompress to. */
export const FORMATS = ['text', 'json', 'msgpack', 'hex', 'base64', 'gzip', 'zlib'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_LABELS: Record<Format, string> = {
  text: 'Text',
  json: 'JSON',
  msgpack: 'MessagePack',
  hex: 'Hex',
  base64: 'Base64',
  gzip: 'gzip',
  zlib: 'zlib',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** JSON only when it looks like a document (object, array, string), so "42" or "true" stay text. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trim();
  if (!t || !'{["'.includes(t[0]!)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(t) as unknown };
  } catch {
    return { ok: false };
  }
}

export const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** zlib's header: CM 8 with a 32K window (0x78), a check making the pair divisible by 31, no preset dictionary. */
export const isZlib = (b: Uint8Array): boolean =>
  b.length >= 2 && b[0] === 0x78 && (b[1] === 0x01 || b[1] === 0x9c || b[1] === 0xda);

/**
 * A MessagePack map or array at the first byte (fixmap, fixarray, array16/32, map16/32). Those bytes can
 * never start UTF-8 text, so text is not mistaken for MessagePack; the decode itself has the last word.
 */
export const looksMsgpack = (b: Uint8Array): boolean =>
  b.length >= 1 && ((b[0]! >= 0x80 && b[0]! <= 0x9f) || (b[0]! >= 0xdc && b[0]! <= 0xdf));

/** The format a value opens in, from its bytes alone (`msgpackOk` is the full decode's verdict). */
export function detectFormat(bytes: Uint8Array, msgpackOk: (b: Uint8Array) => boolean): Format {
  if (isGzip(bytes)) return 'gzip';
  if (isZlib(bytes)) return 'zlib';
  const text = utf8Text(bytes);
  if (text !== null) return parseJsonText(text).ok ? 'json' : 'text';
  if (looksMsgpack(bytes) && msgpackOk(bytes)) return 'msgpack';
  return 'hex';
}
