/**
 * A message where it lies in a socket chunk: offsets instead of buffers, so reading one allocates nothing.
 * The reader reuses one view for every message; whoever keeps a message copies the numbers (or the bytes).
 */
export interface MessageView {
  buf: Buffer;
  channelFrom: number;
  channelTo: number;
  /** −1 when the message came from a plain (or shard) subscription. */
  patternFrom: number;
  patternTo: number;
  payloadFrom: number;
  payloadTo: number;
  shard: boolean;
  /** When the chunk holding it arrived. */
  at: number;
}

/** A view of separate buffers laid end to end (for messages that did not come from the socket). */
export function messageView(
  channel: Buffer,
  pattern: string | undefined,
  payload: Buffer,
  shard = false,
  at = Date.now(),
): MessageView {
  const p = pattern === undefined ? Buffer.alloc(0) : Buffer.from(pattern);
  const buf = Buffer.concat([p, channel, payload]);
  const channelFrom = p.length;
  const payloadFrom = channelFrom + channel.length;
  return {
    buf,
    channelFrom,
    channelTo: payloadFrom,
    patternFrom: pattern === undefined ? -1 : 0,
    patternTo: pattern === undefined ? -1 : p.length,
    payloadFrom,
    payloadTo: buf.length,
    shard,
    at,
  };
}
