import type { PubSubMessage } from '../../shared/contract';
import { encodeBytes } from '../bytes';
import type { RawMessage } from './message-buffer';

/** Payloads longer than this are cut for display; the full size travels with them. */
export const PAYLOAD_DISPLAY_CAP = 16 * 1024;

/** Cuts a payload to the display cap without splitting a UTF-8 character, so text stays text. */
export function capPayload(payload: Buffer, cap = PAYLOAD_DISPLAY_CAP): Buffer {
  if (payload.length <= cap) return payload;
  let end = cap;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  for (let back = 0; back < 3 && end > 0 && (payload[end]! & 0xc0) === 0x80; back++) end--;
  // A copy, so the (possibly huge) original can be freed.
  return Buffer.from(payload.subarray(0, end));
}

/** The API form of a message: text when UTF-8, otherwise base64 with its flag (shared/bytes rule). */
export function toMessage(
  raw: RawMessage,
  channelText: (b: Buffer) => { text: string; encoding?: 'base64' },
): PubSubMessage {
  const channel = channelText(raw.channel);
  const payload = encodeBytes(raw.payload);
  const m: PubSubMessage = { channel: channel.text, payload: payload.text, ts: raw.ts };
  if (channel.encoding) m.channelEncoding = channel.encoding;
  if (payload.encoding) m.payloadEncoding = payload.encoding;
  if (raw.pattern !== undefined) m.pattern = raw.pattern;
  if (raw.shard) m.shard = true;
  if (raw.size > raw.payload.length) {
    m.truncated = true;
    m.size = raw.size;
  }
  return m;
}

/** Channel names repeat from message to message: decode each distinct one once per batch. */
export function channelDecoder(): (b: Buffer) => { text: string; encoding?: 'base64' } {
  const seen = new Map<string, { text: string; encoding?: 'base64' }>();
  return (b) => {
    const key = b.toString('latin1');
    let hit = seen.get(key);
    if (!hit) {
      hit = encodeBytes(b);
      seen.set(key, hit);
    }
    return hit;
  };
}
