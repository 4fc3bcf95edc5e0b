import type { PubSubMessagesEvent } from '../../shared/contract';
import { MessageBuffer } from './message-buffer';
import type { MessageView } from './message-view';
import { channelDecoder, toMessage } from './to-message';

export const FLUSH_EVERY_MS = 100;
/**
 * At most this many messages wait between flushes: the Pub/Sub panel keeps this many rows, so older ones in the
 * same flush could never be shown. Encoding more would only slow the host down at the top rate, where the
 * subscriber socket must be drained as fast as Redis writes it.
 */
export const BUFFER_MESSAGES = 5_000;
/** …and at most this many bytes, so a burst of large payloads cannot exhaust memory either. */
export const BUFFER_BYTES = 32 * 1024 * 1024;
/** A client with more than this still unsent is backed up: hold the batch and let the buffer drop instead. */
export const BACKLOG_LIMIT_BYTES = 8 * 1024 * 1024;

export interface DeliveryOptions {
  emit(batch: PubSubMessagesEvent): void;
  /** Bytes still queued towards the slowest client (0 when the transport cannot tell). */
  backlog(): number;
  flushEveryMs?: number;
  capacity?: number;
  maxBytes?: number;
}

/** Collects messages and hands them to the UI in batches, dropping (and counting) the oldest when it falls behind. */
export class Delivery {
  private readonly buffer: MessageBuffer;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: DeliveryOptions) {
    this.buffer = new MessageBuffer(opts.capacity ?? BUFFER_MESSAGES, opts.maxBytes ?? BUFFER_BYTES);
    this.timer = setInterval(() => this.flush(), opts.flushEveryMs ?? FLUSH_EVERY_MS);
    this.timer.unref();
  }

  get received(): number {
    return this.buffer.received;
  }

  get dropped(): number {
    return this.buffer.dropped;
  }

  /** Takes a message as the reader saw it; the view is reused afterwards, so the buffer copies what it keeps. */
  accept(message: MessageView): void {
    this.buffer.push(message);
  }

  /** Sends everything queued as one batch, unless the client is backed up. */
  flush(): void {
    if (this.buffer.length === 0 || this.opts.backlog() > BACKLOG_LIMIT_BYTES) return;
    const decode = channelDecoder();
    const messages = this.buffer.drain().map((raw) => toMessage(raw, decode));
    this.opts.emit({ messages, received: this.buffer.received, dropped: this.buffer.dropped });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
