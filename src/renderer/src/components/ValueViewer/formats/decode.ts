import { decodeCelery, type CeleryMessage } from '../celery';
import { escapeBytes } from '../../../../../shared/bytes/escape';
import { toHex } from '../bytes';
import { decompress } from './decompress';
import { detectFormat, parseJsonText, utf8Text, type Format } from './detect';
import { isMsgpack, unpackMsgpack } from './msgpack';

export type Shown =
  | { as: 'text'; text: string }
  | { as: 'json'; value: unknown }
  | { as: 'hex'; text: string }
  | { as: 'base64'; text: string };

export interface Decoded {
  /** The format applied (what the switch shows as chosen). */
  format: Format;
  shown: Shown;
  /** For gzip/zlib: what the decompressed bytes were read as. */
  inner?: Format;
  /** A line about the decoding ("12,345 bytes decompressed"). */
  note?: string;
  /** Why the chosen format did not fit; `shown` is then the fallback. */
  error?: string;
  celery?: CeleryMessage;
}

export const autoFormat = (bytes: Uint8Array): Format => detectFormat(bytes, isMsgpack);

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Bytes shown as one of the formats that need no decompression, or why they are not that format. */
function plain(bytes: Uint8Array, format: Exclude<Format, 'gzip' | 'zlib'>): Decoded | { fail: string } {
  switch (format) {
    case 'hex':
      return { format, shown: { as: 'hex', text: toHex(bytes) } };
    case 'base64':
      return { format, shown: { as: 'base64', text: base64(bytes) } };
    case 'text':
      // Bytes that are not UTF-8 show redis-cli escapes (`\xff`), never U+FFFD boxes that lose them.
      return { format, shown: { as: 'text', text: utf8Text(bytes) ?? escapeBytes(bytes) } };
    case 'json': {
      const text = utf8Text(bytes);
      const parsed = text === null ? { ok: false as const } : parseJsonText(text);
      if (!parsed.ok) return { fail: text === null ? 'not JSON: the bytes are not UTF-8' : 'not valid JSON' };
      const celery = decodeCelery(parsed.value);
      return { format, shown: { as: 'json', value: parsed.value }, ...(celery ? { celery } : {}) };
    }
    case 'msgpack': {
      const r = unpackMsgpack(bytes);
      if (!r.ok) return { fail: `not MessagePack: ${r.error}` };
      const celery = decodeCelery(r.value);
      return { format, shown: { as: 'json', value: r.value }, ...(celery ? { celery } : {}) };
    }
  }
}

const inflatable = (f: Format): f is Exclude<Format, 'gzip' | 'zlib'> => f !== 'gzip' && f !== 'zlib';

/** Reads the bytes as `format`; when they are not that, says why and shows them as detected instead. */
export async function decodeAs(bytes: Uint8Array, format: Format): Promise<Decoded> {
  const fallback = async (error: string): Promise<Decoded> => {
    const auto = autoFormat(bytes);
    const shown = auto === format || !inflatable(auto) ? plain(bytes, 'hex') : plain(bytes, auto);
    return { ...(shown as Decoded), error };
  };
  if (inflatable(format)) {
    const r = plain(bytes, format);
    return 'fail' in r ? fallback(r.fail) : r;
  }
  let inflated: { bytes: Uint8Array; cut: boolean };
  try {
    inflated = await decompress(bytes, format);
  } catch (err) {
    return fallback(`not ${format} data: ${err instanceof Error ? err.message : String(err)}`);
  }
  const found = autoFormat(inflated.bytes);
  const inner = inflatable(found) ? found : 'hex';
  const r = plain(inflated.bytes, inner) as Decoded;
  const size = `${inflated.bytes.length.toLocaleString()} bytes decompressed from ${bytes.length.toLocaleString()}`;
  return {
    ...r,
    format,
    inner,
    note: inflated.cut ? `${size} (cut there: the rest is not decompressed)` : size,
  };
}

export const decodeAuto = (bytes: Uint8Array): Promise<Decoded> => decodeAs(bytes, autoFormat(bytes));
