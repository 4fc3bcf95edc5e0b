import { describe, expect, it } from 'vitest';
import * as m from '../../../src/renderer/src/pages/Processes/schedule-form';

type Form = typeof m.EMPTY_SCHEDULE;
const form = (patch: Partial<Form>): Form => ({ ...m.EMPTY_SCHEDULE, ...patch });

const stored: Parameters<typeof m.scheduleToForm>[0] = {
  id: 's',
  task: 'qd.echo',
  queue: 'q',
  engine: 'bullmq',
  args: [],
  kwargs: null,
  options: {},
  trigger: { every: 1000 },
  enabled: true,
  lastRunAt: null,
  nextRunAt: null,
  runCount: 0,
  source: 'api',
  createdAt: 0,
  updatedAt: 0,
};

describe('schedule form', () => {
  it('turns seconds into an every trigger and keeps a chosen id', () => {
    const { input, errors } = m.validateSchedule(form({ id: 'tick', everySec: '2', argsJson: '{"a":1}' }));
    expect(errors).toEqual({});
    expect(input).toMatchObject({ id: 'tick', trigger: { every: 2000 }, args: { a: 1 }, enabled: true });
  });

  it('refuses bad fields inline: interval, id, queue, args, time zone, past time', () => {
    expect(m.validateSchedule(form({ everySec: '0.01' })).errors.everySec).toMatch(/at least 0.1 s/);
    expect(m.validateSchedule(form({ id: 'no spaces' })).errors.id).toMatch(/letters, digits/);
    expect(m.validateSchedule(form({ queue: 'a:b' })).errors.queue).toMatch(/cannot contain/);
    expect(m.validateSchedule(form({ argsJson: '[' })).errors.argsJson).toMatch(/not valid JSON/);
    expect(m.validateSchedule(form({ kind: 'cron', tz: 'Mars/Olympus' })).errors.tz).toMatch(
      /unknown time zone/,
    );
    expect(m.validateSchedule(form({ kind: 'at', at: '2001-01-01T00:00' })).errors.at).toMatch(/past/);
  });

  it('reads a stored schedule back into the form and describes triggers', () => {
    const f = m.scheduleToForm({
      ...stored,
      trigger: { cron: '30 7 * * 1-5', tz: 'Europe/Paris' },
      enabled: false,
    });
    expect(f).toMatchObject({ kind: 'cron', cron: '30 7 * * 1-5', tz: 'Europe/Paris', enabled: false });
    expect(m.triggerText({ every: 3000 })).toBe('every 3 s');
    expect(m.triggerText({ every: 250 })).toBe('every 250 ms');
  });

  it('sends the engine chosen, and kwargs only for Celery (a JSON object or blank)', () => {
    const celery = m.validateSchedule(
      form({ engine: 'celery', argsJson: '[1]', kwargsJson: '{"who":"ann"}' }),
    );
    expect(celery.errors).toEqual({});
    expect(celery.input).toMatchObject({ engine: 'celery', args: [1], kwargs: { who: 'ann' } });
    expect(m.validateSchedule(form({ engine: 'celery', kwargsJson: '' })).input?.kwargs).toBeNull();
    expect(m.validateSchedule(form({ engine: 'celery', kwargsJson: '[1]' })).errors.kwargsJson).toMatch(
      /JSON object/,
    );
    // Kwargs typed before switching to BullMQ are not sent (BullMQ has none).
    const bull = m.validateSchedule(form({ engine: 'bullmq', kwargsJson: '{"who":"ann"}' }));
    expect(bull.input).toMatchObject({ engine: 'bullmq', kwargs: null });
    const back = m.scheduleToForm({ ...stored, engine: 'celery', kwargs: { who: 'ann' } });
    expect(back).toMatchObject({ engine: 'celery', kwargsJson: '{\n  "who": "ann"\n}' });
  });
});
