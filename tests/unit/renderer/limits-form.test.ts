import { describe, expect, it } from 'vitest';
import { formToPatch, limitsToForm } from '../../../src/renderer/src/pages/Queues/limits/limits-form';

describe('queue limits form', () => {
  it('blank fields remove the limits; filled ones set them', () => {
    expect(formToPatch({ concurrency: '', rateMax: '', rateDurationMs: '' }).patch).toEqual({
      concurrency: null,
      rateLimit: null,
    });
    expect(formToPatch({ concurrency: ' 3 ', rateMax: '10', rateDurationMs: '1000' }).patch).toEqual({
      concurrency: 3,
      rateLimit: { max: 10, durationMs: 1000 },
    });
  });

  it('says what is wrong per field and sends nothing', () => {
    expect(formToPatch({ concurrency: '0', rateMax: '10', rateDurationMs: '' })).toEqual({
      errors: { concurrency: 'concurrency: at least 1', rateDurationMs: 'give the window in ms too' },
    });
    expect(formToPatch({ concurrency: '2.5', rateMax: '', rateDurationMs: '5' }).errors).toEqual({
      concurrency: 'concurrency: a whole number',
      rateDurationMs: 'window: at least 10',
    });
  });

  it('shows stored limits as text, none as blank', () => {
    expect(limitsToForm({ concurrency: null, rateLimit: null, rateLimitedUntil: null })).toEqual({
      concurrency: '',
      rateMax: '',
      rateDurationMs: '',
    });
    expect(
      limitsToForm({ concurrency: 4, rateLimit: { max: 5, durationMs: 2000 }, rateLimitedUntil: null }),
    ).toEqual({ concurrency: '4', rateMax: '5', rateDurationMs: '2000' });
  });
});
