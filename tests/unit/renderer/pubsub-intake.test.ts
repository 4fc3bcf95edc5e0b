import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PubSubMessagesEvent } from '../../../src/shared/contract';
import { coalescer, mergeBatch, type MergedBatch } from '../../../src/renderer/src/stores/pubsub-intake';

function batch(from: number, n: number, dropped = 0): PubSubMessagesEvent {
  const messages = Array.from({ length: n }, (_, i) => ({ channel: 'c', payload: String(from + i), ts: 0 }));
  return { messages, received: from + n + dropped, dropped };
}

describe('mergeBatch', () => {
  it('keeps the newest 5,000, counts every message, and carries the first and last counters', () => {
    let m: MergedBatch | null = null;
    m = mergeBatch(m, batch(0, 3000));
    m = mergeBatch(m, batch(3000, 4000, 7));
    expect(m.count).toBe(7000);
    expect(m.messages).toHaveLength(5000);
    expect(m.messages[0]!.payload).toBe('2000');
    expect(m.messages.at(-1)!.payload).toBe('6999');
    expect(m.first.received).toBe(3000);
    expect({ received: m.received, dropped: m.dropped }).toEqual({ received: 7007, dropped: 7 });
  });
});

describe('coalescer', () => {
  // Its clock is faked: on a loaded machine a real one can pass 50 ms between two pushes of a "burst".
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('passes a lone batch on at once and merges a burst into one later hand-over', () => {
    const applied: MergedBatch[] = [];
    const c = coalescer((m) => applied.push(m), 50);
    c.push(batch(0, 1));
    expect(applied).toHaveLength(1);
    c.push(batch(1, 2));
    c.push(batch(3, 2));
    expect(applied).toHaveLength(1);
    vi.advanceTimersByTime(49);
    expect(applied).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(applied).toHaveLength(2);
    expect(applied[1]!.count).toBe(4);
    c.push(batch(5, 1));
    c.flush();
    expect(applied.map((m) => m.count)).toEqual([1, 4, 1]);
  });
});
