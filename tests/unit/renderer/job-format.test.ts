import { describe, expect, it } from 'vitest';
import { attemptText, retryToastText, waitMs } from '../../../src/renderer/src/components/JobDetail/format';

describe('job detail wording', () => {
  it('words attempts past the configured number as retried by hand, not "3 of 2"', () => {
    expect(attemptText({ state: 'completed', attemptsMade: 3, maxAttempts: 2 })).toBe(
      'attempt 3 (2 configured, retried by hand)',
    );
    expect(attemptText({ state: 'active', attemptsMade: 2, maxAttempts: 2 })).toBe(
      'attempt 3 (2 configured, retried by hand)',
    );
    expect(attemptText({ state: 'failed', attemptsMade: 2, maxAttempts: 2 })).toBe('attempt 2 of 2');
    expect(attemptText({ state: 'waiting', attemptsMade: 0, maxAttempts: 0 })).toBe(
      'not started · up to 1 attempt',
    );
  });

  it('counts the wait from the latest enqueue: a retry by hand, else the due time, else creation', () => {
    const created = 1_000_000;
    expect(waitMs({ created, processed: created + 50 })).toBe(50);
    expect(waitMs({ created, due: created + 5000, processed: created + 5020 })).toBe(20);
    expect(waitMs({ created, retried: created + 54_800, processed: created + 54_830 })).toBe(30);
    expect(waitMs({ created })).toBeNull();
  });

  it('says "retried" without claiming a waiting state that may already be over', () => {
    expect(retryToastText('7', 'waiting')).toBe('Job 7 retried');
    expect(retryToastText('7', 'active')).toBe('Job 7 retried');
    expect(retryToastText('7', 'completed')).toBe('Job 7 retried — completed already');
    expect(retryToastText('7', 'failed')).toBe('Job 7 retried — failed again');
  });
});
