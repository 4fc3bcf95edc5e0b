import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CappedBatcher as Batcher } from '../../../src/core/capped-batcher';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Batcher (logs from children and to the UI)', () => {
  it('hands items over in one batch per interval, the newest kept, counting what it dropped', async () => {
    const batches: Array<{ items: number[]; dropped: number }> = [];
    const b = new Batcher<number>((items, dropped) => batches.push({ items, dropped }), 30, 100);
    for (let i = 0; i < 250; i++) b.push(i);
    await vi.advanceTimersByTimeAsync(29);
    expect(batches).toEqual([]); // not before the interval is up
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.items).toEqual(Array.from({ length: 100 }, (_, i) => 150 + i));
    expect(batches[0]?.dropped).toBe(150);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toHaveLength(1); // one batch per interval, none while nothing came
    b.push(1);
    b.flush();
    expect(batches[1]).toEqual({ items: [1], dropped: 0 });
    b.flush();
    expect(batches).toHaveLength(2); // nothing to hand over, no empty batch
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toHaveLength(2); // a flush clears the timer: no second hand-over of the same items
  });
});
