import { describe, expect, it } from 'vitest';
import { triggerText } from '../../../src/renderer/src/pages/Processes/schedule-form';
import {
  EMPTY_SCHEDULER,
  schedulerToForm,
  validateScheduler,
} from '../../../src/renderer/src/pages/Queues/schedulers/scheduler-form';

const ref = { queue: 'mail', prefix: 'bull' };

describe('the job scheduler form', () => {
  it('blank limit and attempts mean "not set", not 0', () => {
    const { input, errors } = validateScheduler({ ...EMPTY_SCHEDULER, id: 'tick' }, ref);
    expect(errors).toEqual({});
    expect(input).toEqual({ ...ref, id: 'tick', task: 'demo.echo', args: {}, every: 60_000 });
  });

  it('a cron pattern with its zone, a limit and attempts', () => {
    const form = {
      ...EMPTY_SCHEDULER,
      id: 'n',
      kind: 'cron' as const,
      tz: 'Asia/Tokyo',
      limit: '3',
      attempts: '2',
    };
    expect(validateScheduler(form, ref).input).toMatchObject({
      pattern: '0 * * * *',
      tz: 'Asia/Tokyo',
      limit: 3,
      options: { attempts: 2 },
    });
  });

  it('names each wrong field and gives no input', () => {
    const { input, errors } = validateScheduler(
      { ...EMPTY_SCHEDULER, id: 'has space', task: ' ', argsJson: '{', limit: '0', everySec: 'x' },
      ref,
    );
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['argsJson', 'everySec', 'id', 'limit', 'task']);
  });

  it('reads a listed scheduler back into the form', () => {
    const form = schedulerToForm({
      engine: 'bullmq',
      queue: 'mail',
      prefix: 'bull',
      id: 'r',
      task: 'report',
      every: null,
      pattern: '5 4 * * *',
      tz: 'UTC',
      next: 1,
      iterationCount: 1,
      limit: null,
      startDate: null,
      endDate: null,
      args: { a: 1 },
      options: { attempts: 4 },
      pendingJobId: null,
    });
    expect(form).toMatchObject({ kind: 'cron', cron: '5 4 * * *', tz: 'UTC', limit: '', attempts: '4' });
  });

  it('words intervals in the largest exact unit', () => {
    expect(triggerText({ every: 3_600_000 })).toBe('every 1 h');
    expect(triggerText({ every: 300_000 })).toBe('every 5 min');
    expect(triggerText({ every: 90_000 })).toBe('every 90 s');
    expect(triggerText({ every: 250 })).toBe('every 250 ms');
  });
});
