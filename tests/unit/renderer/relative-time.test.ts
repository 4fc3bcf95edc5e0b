import { describe, expect, it } from 'vitest';
import { relativeTime, since } from '../../../src/renderer/src/format/relative-time';

describe('relative times', () => {
  const now = 1_000_000_000;
  it('says "in" only for the future and "ago" for the past', () => {
    expect(relativeTime(now + 5000, now)).toBe('in 5 s');
    expect(relativeTime(now - 5000, now)).toBe('5 s ago');
    expect(relativeTime(now - 200, now)).toBe('just now');
    expect(relativeTime(now + 200, now)).toBe('just now');
  });

  it('never words a past moment stamped a little ahead of this clock as future', () => {
    expect(relativeTime(now + 400, now, 'past')).toBe('just now');
    expect(relativeTime(now + 2500, now, 'past')).toBe('just now');
    expect(relativeTime(now - 61_000, now, 'past')).toBe('1 min 1 s ago');
  });

  it('spans round to the second', () => {
    expect(since(0)).toBe('0 s');
    expect(since(3_725_000)).toBe('1 h 2 min');
  });
});

describe('next runs', () => {
  const now = 1_000_000_000;
  it('are "in" ahead, "due now" within the second, and overdue behind', () => {
    expect(relativeTime(now + 3000, now, 'next')).toBe('in 3 s');
    expect(relativeTime(now + 400, now, 'next')).toBe('due now');
    expect(relativeTime(now - 400, now, 'next')).toBe('due now');
    expect(relativeTime(now - 7000, now, 'next')).toBe('due 7 s ago');
  });
});
