import { describe, expect, it } from 'vitest';
import { checkTrigger, nextFire, previewFires } from '../../../src/core/beat/trigger';
import { tickJobId } from '../../../src/core/beat/keys';

describe('beat triggers', () => {
  it('every: keeps its phase from the anchor and skips missed periods (coalescing)', () => {
    expect(nextFire({ every: 1000 }, 0, 0)).toBe(1000);
    expect(nextFire({ every: 1000 }, 999, 0)).toBe(1000);
    expect(nextFire({ every: 1000 }, 1000, 0)).toBe(2000);
    // Down for 10.5 periods: the next run is the first one after now, on the same phase.
    expect(nextFire({ every: 1000 }, 10_500, 0)).toBe(11_000);
    expect(nextFire({ every: 1000 }, 100, 250)).toBe(1250);
  });

  it('at: fires once, then never', () => {
    const at = '2030-01-01T00:00:00.000Z';
    expect(nextFire({ at }, Date.parse(at) - 1)).toBe(Date.parse(at));
    expect(nextFire({ at }, Date.parse(at))).toBeNull();
    expect(previewFires({ at }, 5, 0)).toEqual([Date.parse(at)]);
  });

  it('cron: strictly after the given time, in the given time zone, seconds field allowed', () => {
    const from = Date.parse('2026-06-01T10:00:00Z');
    expect(nextFire({ cron: '*/15 * * * *' }, from)).toBe(Date.parse('2026-06-01T10:15:00Z'));
    expect(nextFire({ cron: '0 12 * * *', tz: 'America/New_York' }, from)).toBe(
      Date.parse('2026-06-01T16:00:00Z'),
    );
    expect(previewFires({ cron: '*/10 * * * * *' }, 3, from)).toEqual([
      from + 10_000,
      from + 20_000,
      from + 30_000,
    ]);
  });

  it('an invalid cron is an INVALID_INPUT error naming the field', () => {
    expect(() => checkTrigger({ cron: '* * *' })).toThrow(
      /^trigger\.cron: invalid cron expression "\* \* \*"/,
    );
    try {
      checkTrigger({ cron: '0 25 * * *' });
    } catch (err) {
      expect((err as { code: string }).code).toBe('INVALID_INPUT');
    }
    expect(() => checkTrigger({ cron: '0 25 * * *' })).toThrow(/Constraint error/);
  });

  it('tick job ids are deterministic and have no ":" (BullMQ custom ids cannot)', () => {
    expect(tickJobId('nightly', 1700000000000)).toBe('beat-nightly-1700000000000');
  });
});
