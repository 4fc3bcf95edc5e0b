import { describe, expect, it } from 'vitest';
import { CappedBatcher as Batcher } from '../../../src/core/capped-batcher';

describe('Batcher (logs from children and to the UI)', () => {
  it('hands items over in one batch per interval, the newest kept, counting what it dropped', async () => {
    const batches: Array<{ items: number[]; dropped: number }> = [];
    const b = new Batcher<number>((items, dropped) => batches.push({ items, dropped }), 30, 100);
    for (let i = 0; i < 250; i++) b.push(i);
    expect(batches).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.items).toEqual(Array.from({ length: 100 }, (_, i) => 150 + i));
    expect(batches[0]?.dropped).toBe(150);
    b.push(1);
    b.flush();
    expect(batches[1]).toEqual({ items: [1], dropped: 0 });
    b.flush();
    expect(batches).toHaveLength(2); // nothing to hand over, no empty batch
  });
});
