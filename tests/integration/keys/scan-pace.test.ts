import { describe, expect, it } from 'vitest';
import type { ScanAllEvent } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { busyUsec, populate } from '../../helpers/redis-time';
import { useKeysHost } from './keys-host';

const N = 200_000;
const h = useKeysHost();

/** A whole keyspace walk through the API; Redis's busy share of the walk's wall time (INFO commandstats). */
async function walk(params: {
  share?: number;
}): Promise<{ keys: number; timePct: number; progress: number[] }> {
  const events: ScanAllEvent[] = [];
  const off = h.host.onEvent((event, data) => {
    if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
  });
  const before = await busyUsec(h.client);
  const t0 = performance.now();
  const { scanId } = await h.call('keys.scanAll', params);
  await waitUntil(() => events.some((e) => e.scanId === scanId && e.done), 120_000);
  const wallMs = performance.now() - t0;
  const after = await busyUsec(h.client);
  off();
  const mine = events.filter((e) => e.scanId === scanId);
  const names = new Set(mine.flatMap((e) => e.keys.map((k) => k.key)));
  return {
    keys: names.size,
    timePct: ((after - before) / (wallMs * 1000)) * 100,
    progress: mine.map((e) => e.progress),
  };
}

describe('keys.scanAll pacing', () => {
  it(`keeps a walk of ${N.toLocaleString('en')} keys under its share of Redis's time`, async () => {
    await populate(h.client, N, `${h.prefix}p`);
    // Unpaced first, on the same keyspace: shows the walk would take far more than the limit if left alone.
    const unpaced = await walk({ share: 1 });
    const gentle = await walk({});
    const fast = await walk({ share: 0.3 });
    expect(unpaced.keys).toBe(N);
    expect(gentle.keys).toBe(N);
    expect(fast.keys).toBe(N);
    expect(unpaced.timePct).toBeGreaterThan(30);
    // 10 % asked for; INFO's own cost and timer slack leave a little over.
    expect(gentle.timePct).toBeLessThan(12);
    expect(fast.timePct).toBeLessThan(33);
    expect(fast.timePct).toBeGreaterThan(gentle.timePct);
    // Progress shown on the way, rising to 1.
    expect(gentle.progress.length).toBeGreaterThan(5);
    expect(gentle.progress.at(-1)).toBe(1);
    expect([...gentle.progress].sort((a, b) => a - b)).toEqual(gentle.progress);
  }, 180_000);
});

describe('keys.scanPace', () => {
  it('speeds up a running walk ("scan all now"), within a cap; refuses an unpaced share', async () => {
    const events: ScanAllEvent[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
    });
    const { scanId } = await h.call('keys.scanAll', {});
    await waitUntil(() => events.some((e) => e.scanId === scanId && e.keys.length > 0));
    expect((await h.fail('keys.scanPace', { scanId, share: 1 })).code).toBe('INVALID_INPUT');
    expect(await h.call('keys.scanPace', { scanId, share: 0.3 })).toEqual({ paced: true });
    await waitUntil(() => events.some((e) => e.scanId === scanId && e.done), 120_000);
    off();
    expect(new Set(events.flatMap((e) => (e.scanId === scanId ? e.keys.map((k) => k.key) : []))).size).toBe(
      await h.client.dbsize(),
    );
    expect(await h.call('keys.scanPace', { scanId, share: 0.3 })).toEqual({ paced: false });
  }, 180_000);
});
