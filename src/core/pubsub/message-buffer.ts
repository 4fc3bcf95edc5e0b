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

/**
 * A bounded FIFO of messages waiting to be sent to the UI, bounded both in count and in bytes. When full, the
 * oldest message is dropped and counted: every message pushed is eventually either drained or counted in
 * `dropped`, so `received − dropped` always equals everything drained so far plus what is still queued.
 */
export class MessageBuffer {
  private readonly ring: Array<RawMessage | undefined>;
  private head = 0;
  private count = 0;
  private bytes = 0;
  received = 0;
  dropped = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes: number,
  ) {
    this.ring = new Array<RawMessage | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(message: RawMessage): void {
    this.received++;
    const cost = weight(message);
    while (this.count > 0 && (this.count >= this.capacity || this.bytes + cost > this.maxBytes)) {
      this.dropOldest();
    }
    this.ring[(this.head + this.count) % this.capacity] = message;
    this.count++;
    this.bytes += cost;
  }

  /** Takes everything queued, oldest first. */
  drain(): RawMessage[] {
    const out = new Array<RawMessage>(this.count);
    for (let i = 0; i < this.count; i++) {
      const at = (this.head + i) % this.capacity;
      out[i] = this.ring[at] as RawMessage;
      this.ring[at] = undefined;
    }
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    return out;
  }

  private dropOldest(): void {
    const oldest = this.ring[this.head] as RawMessage;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.bytes -= weight(oldest);
    this.dropped++;
  }
}

/** Bytes a queued message holds, plus a fixed share for the object itself. */
function weight(m: RawMessage): number {
  return m.payload.length + m.channel.length + 64;
}
