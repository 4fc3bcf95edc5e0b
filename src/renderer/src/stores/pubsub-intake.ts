import type { PubSubMessage, PubSubMessagesEvent } from '../../../shared/contract';
import { MAX_ROWS } from './pubsub-format';

/** Several host batches as one: the newest MAX_ROWS messages, how many there were in all, and the last counters. */
export interface MergedBatch {
  messages: PubSubMessage[];
  count: number;
  /** The first batch merged, which starts a window's count when it is the first one seen. */
  first: PubSubMessagesEvent;
  received: number;
  dropped: number;
}

export function mergeBatch(into: MergedBatch | null, batch: PubSubMessagesEvent): MergedBatch {
  const joined = into ? into.messages.concat(batch.messages) : batch.messages;
  return {
    messages: joined.length > MAX_ROWS ? joined.slice(joined.length - MAX_ROWS) : joined,
    count: (into?.count ?? 0) + batch.messages.length,
    first: into?.first ?? batch,
    received: batch.received,
    dropped: batch.dropped,
  };
}

/**
 * Hands batches on at most once every `everyMs`, merged: at tens of thousands of messages a second nobody reads
 * the rows anyway, and rendering less often keeps the page's frames short. A quiet channel is shown at once.
 */
export function coalescer(
  apply: (merged: MergedBatch) => void,
  everyMs: number,
): { push(batch: PubSubMessagesEvent): void; flush(): void } {
  let pending: MergedBatch | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    last = performance.now();
    const merged = pending;
    pending = null;
    if (merged) apply(merged);
  };
  return {
    push(batch) {
      pending = mergeBatch(pending, batch);
      if (timer !== undefined) return;
      const wait = everyMs - (performance.now() - last);
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
  };
}
