import type { PubSubMessagesEvent } from '../../shared/contract';
import { MessageBuffer } from './message-buffer';
import { ShowBudget } from './show-budget';
import type { MessageView } from './message-view';
import { channelDecoder, toMessage } from './to-message';

export const FLUSH_EVERY_MS = 100;
/** At most this many messages wait between flushes: the Pub/Sub panel keeps this many rows. */
export const BUFFER_MESSAGES = 5_000;
/**
 * Messages a second the UI is sent at most on average (bursts up to BUFFER_MESSAGES pass whole): the panel's
 * 5,000 rows turn over every second at that, and more only costs the page frames (bench/pubsub-max.ts).
 */
export const SHOW_PER_SECOND = 5_000;
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
  showPerSecond?: number;
  /** Milliseconds, for the show budget (tests pass their own). */
  clock?: () => number;
}

/** Collects messages and hands them to the UI in batches, dropping (and counting) the oldest when it falls behind. */
export class Delivery {
  private readonly buffer: MessageBuffer;
  private readonly timer: NodeJS.Timeout;
  private readonly budget: ShowBudget;

  constructor(private readonly opts: DeliveryOptions) {
    const capacity = opts.capacity ?? BUFFER_MESSAGES;
    this.buffer = new MessageBuffer(capacity, opts.maxBytes ?? BUFFER_BYTES);
    this.budget = new ShowBudget(opts.showPerSecond ?? SHOW_PER_SECOND, capacity, opts.clock);
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

  /** Sends what is queued as one batch (the newest, within the budget), unless the client is backed up. */
  flush(): void {
    if (this.buffer.length === 0 || this.opts.backlog() > BACKLOG_LIMIT_BYTES) return;
    const allowed = this.budget.available();
    if (allowed === 0) return;
    this.buffer.keepNewest(allowed);
    this.budget.spend(this.buffer.length);
    const decode = channelDecoder();
    const messages = this.buffer.drain().map((raw) => toMessage(raw, decode));
    this.opts.emit({ messages, received: this.buffer.received, dropped: this.buffer.dropped });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
