import { messageView, type MessageView } from './message-view';
import { capPayload, PAYLOAD_DISPLAY_CAP } from './to-message';

/** One message as read from the subscriber, before it is encoded for the API. */
export interface RawMessage {
  channel: Buffer;
  pattern?: string;
  shard?: boolean;
  /** Already cut to the display cap; `size` is the original length. */
  payload: Buffer;
  size: number;
  ts: number;
}

/** Per slot: channel from/to, pattern from/to (−1: none), payload from/to, into `bufs[slot]`. */
const FIELDS = 6;

/**
 * A bounded FIFO of messages waiting to be sent to the UI, bounded both in count and in bytes. When full, the
 * oldest message is dropped and counted: every message pushed is eventually either drained or counted in
 * `dropped`, so `received − dropped` always equals everything drained so far plus what is still queued.
 *
 * At the top publishing rate nearly every message is dropped again before the next flush, so a push allocates
 * nothing: it keeps the socket chunk and offsets into it in typed arrays. The window holds the newest messages,
 * which lie together in the last few chunks, so the chunks it keeps alive are about the size of what it holds.
 */
export class MessageBuffer {
  private readonly bufs: Array<Buffer | undefined>;
  private readonly offsets: Int32Array;
  private readonly sizes: Int32Array;
  private readonly costs: Int32Array;
  private readonly times: Float64Array;
  private readonly shards: Uint8Array;
  private head = 0;
  private count = 0;
  private bytes = 0;
  received = 0;
  dropped = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes: number,
  ) {
    this.bufs = new Array<Buffer | undefined>(capacity);
    this.offsets = new Int32Array(capacity * FIELDS);
    this.sizes = new Int32Array(capacity);
    this.costs = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    this.shards = new Uint8Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(m: MessageView): void {
    this.received++;
    const size = m.payloadTo - m.payloadFrom;
    const cost = Math.min(size, PAYLOAD_DISPLAY_CAP) + (m.channelTo - m.channelFrom) + 64;
    while (this.count > 0 && (this.count >= this.capacity || this.bytes + cost > this.maxBytes)) {
      this.dropOldest();
    }
    const slot = (this.head + this.count) % this.capacity;
    const o = slot * FIELDS;
    // A payload over the display cap is cut and copied with its names, so its (big) chunk is not kept alive.
    const v = size > PAYLOAD_DISPLAY_CAP ? compact(m) : m;
    this.bufs[slot] = v.buf;
    this.offsets[o] = v.channelFrom;
    this.offsets[o + 1] = v.channelTo;
    this.offsets[o + 2] = v.patternFrom;
    this.offsets[o + 3] = v.patternTo;
    this.offsets[o + 4] = v.payloadFrom;
    this.offsets[o + 5] = v.payloadTo;
    this.sizes[slot] = size;
    this.costs[slot] = cost;
    this.times[slot] = m.at;
    this.shards[slot] = m.shard ? 1 : 0;
    this.count++;
    this.bytes += cost;
  }

  /** Takes everything queued, oldest first. */
  drain(): RawMessage[] {
    const out = new Array<RawMessage>(this.count);
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) % this.capacity;
      const o = slot * FIELDS;
      const buf = this.bufs[slot]!;
      const m: RawMessage = {
        channel: buf.subarray(this.offsets[o], this.offsets[o + 1]),
        payload: buf.subarray(this.offsets[o + 4], this.offsets[o + 5]),
        size: this.sizes[slot]!,
        ts: this.times[slot]!,
      };
      if (this.offsets[o + 2]! >= 0)
        m.pattern = buf.toString('utf8', this.offsets[o + 2], this.offsets[o + 3]);
      if (this.shards[slot]) m.shard = true;
      out[i] = m;
      this.bufs[slot] = undefined;
    }
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    return out;
  }

  /** Drops (and counts) the oldest until at most `n` are queued. */
  keepNewest(n: number): void {
    while (this.count > n) this.dropOldest();
  }

  private dropOldest(): void {
    this.bufs[this.head] = undefined;
    this.bytes -= this.costs[this.head]!;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.dropped++;
  }
}

/** The message in a buffer of its own, its payload cut to the display cap. */
function compact(m: MessageView): MessageView {
  const pattern = m.patternFrom >= 0 ? m.buf.toString('utf8', m.patternFrom, m.patternTo) : undefined;
  const channel = m.buf.subarray(m.channelFrom, m.channelTo);
  return messageView(channel, pattern, capPayload(m.buf.subarray(m.payloadFrom, m.payloadTo)), m.shard, m.at);
}
