import { describe, expect, it } from 'vitest';
import { minuteStarts, withTimings } from '../../../src/core/metrics/buckets';

describe('metrics buckets', () => {
  it('lists whole minutes ending with the current one', () => {
    expect(minuteStarts(185_000, 3)).toEqual([60_000, 120_000, 180_000]);
  });

  it('averages wait and run per minute of finishing, counting a delay as not waiting', () => {
    const starts = [0, 60_000];
    const counts = [
      { completed: 1, failed: 0 },
      { completed: 1, failed: 1 },
    ];
    const jobs = [
      { created: 0, delay: 0, processed: 100, finished: 300 },
      { created: 60_000, delay: 1000, processed: 61_500, finished: 61_600 },
      { created: 60_000, delay: 0, processed: 60_100, finished: 60_400 },
      { created: 0, delay: 0, processed: 10, finished: 999_999 }, // after the window: ignored
    ];
    expect(withTimings(starts, counts, jobs)).toEqual([
      { t: 0, completed: 1, failed: 0, waitMs: 100, runMs: 200 },
      { t: 60_000, completed: 1, failed: 1, waitMs: 300, runMs: 200 },
    ]);
    expect(withTimings([0], [{ completed: 0, failed: 0 }], [])[0]).toMatchObject({
      waitMs: null,
      runMs: null,
    });
  });
});
