import { describe, expect, it } from 'vitest';
import { LiveCounts } from '../../../src/core/metrics/live-counts';
import type { JobEvent } from '../../../src/shared/contract';

const event = (kind: JobEvent['kind'], ts: number, queue = 'q'): JobEvent => ({
  queue,
  prefix: 'bull',
  id: String(ts),
  kind,
  ts,
});

describe('LiveCounts', () => {
  it('counts finished events per second by their own time, and forgets what is older than five minutes', () => {
    let now = 1_000_000;
    const live = new LiveCounts(() => now);
    live.record('bullmq', event('completed', now - 2500));
    live.record('bullmq', event('completed', now - 2100));
    live.record('bullmq', event('failed', now - 200));
    live.record('bullmq', event('active', now - 100)); // activity, not a count
    live.record('bullmq', event('completed', now + 5000)); // a clock ahead: counts now
    live.record('bullmq', event('completed', now - 301_000)); // a replayed old event: ignored
    const last = live.seconds('bullmq', 'bull', 'q', 4);
    expect(last.map((s) => [s.t, s.completed, s.failed])).toEqual([
      [997_000, 2, 0],
      [998_000, 0, 0],
      [999_000, 0, 1],
      [1_000_000, 1, 0],
    ]);
    expect(live.lastEventAt('bullmq', 'bull', 'q')).toBe(now);
    expect(live.seconds('bullmq', 'bull', 'other', 2).every((s) => s.completed === 0)).toBe(true);
    expect(live.seconds('celery', 'bull', 'q', 1)[0]?.completed).toBe(0);

    // Five minutes on, the same ring slots hold new seconds: the old counts must not show through.
    now += 300_000;
    live.record('bullmq', event('completed', now));
    expect(live.seconds('bullmq', 'bull', 'q').reduce((n, s) => n + s.completed + s.failed, 0)).toBe(1);
    now += 301_000;
    expect(live.lastEventAt('bullmq', 'bull', 'q')).toBeNull();
  });
});
