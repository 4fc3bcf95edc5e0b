import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../src/core/connection/rate-meter';

describe('RateMeter', () => {
  it('is the growth per second since a reading about two seconds back', () => {
    const meter = new RateMeter(0, 0);
    expect(meter.perSec(10, 1000)).toBe(10);
    expect(meter.perSec(30, 2000)).toBe(15);
    // From now on the base moves up so old bursts stop counting.
    expect(meter.perSec(30, 4000)).toBe(0);
    // The base is the reading at 2000 (the newest one at least 2 s old): 10 more in 3 s.
    expect(meter.perSec(40, 5000)).toBe(3);
  });

  it('says 0 when asked twice at the same instant after starting', () => {
    expect(new RateMeter(5, 100).perSec(9, 100)).toBe(0);
  });
});
