import { describe, expect, it } from 'vitest';
import * as composeForm from '../../../src/renderer/src/pages/Compose/form/compose-form';
import * as composeValidate from '../../../src/renderer/src/pages/Compose/form/compose-validate';
import * as draftRequest from '../../../src/renderer/src/pages/Compose/form/draft-request';
import * as draftToForm from '../../../src/renderer/src/pages/Compose/form/draft-to-form';

const m = { ...composeForm, ...composeValidate, ...draftRequest, ...draftToForm };
type Form = typeof m.EMPTY_FORM;

const sleepSchema = {
  type: 'object',
  properties: { ms: { type: 'integer', minimum: 0, maximum: 86_400_000 } },
  required: ['ms'],
};
const schemaOf = (task: string): unknown => (task === 'demo.sleep' ? sleepSchema : undefined);
const form = (patch: Partial<Form>, options: Partial<Form['options']> = {}): Form => ({
  ...m.EMPTY_FORM,
  ...patch,
  options: { ...m.EMPTY_OPTIONS, ...options },
});

describe('validateCompose', () => {
  it('turns a valid single task into a draft and a jobs.add request', () => {
    const { draft, errors } = m.validateCompose(
      form({ queue: 'emails', task: 'demo.sleep', argsJson: '{"ms": 10}' }, { attempts: '3' }),
      schemaOf,
    );
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ queue: 'emails', kind: 'single', options: { attempts: 3 } });
    expect(m.draftRequest(draft!, 'op').method).toBe('jobs.add');
  });

  it('reports each bad field and gives no draft', () => {
    const { draft, errors } = m.validateCompose(
      form(
        { queue: 'bad queue', task: ' ', argsJson: '{"ms": ', copies: '0' },
        { timing: 'delay', delayMs: '-5', attempts: 'x', backoff: 'fixed', jitter: '2' },
      ),
      schemaOf,
    );
    expect(draft).toBeUndefined();
    expect(errors.queue).toMatch(/cannot contain/);
    expect(errors.task).toBeTruthy();
    expect(errors.argsJson).toMatch(/not valid JSON/);
    expect(errors['options.delayMs']).toBe('delay cannot be negative');
    expect(errors['options.attempts']).toMatch(/whole number/);
    expect(errors['options.jitter']).toMatch(/0 to 1/);
    expect(errors.copies).toBeTruthy();
  });

  it('checks args against the task schema', () => {
    const check = (argsJson: string): string | undefined =>
      m.validateCompose(form({ task: 'demo.sleep', argsJson }), schemaOf).errors.argsJson;
    expect(check('{}')).toBe('args.ms: required');
    expect(check('{"ms": "soon"}')).toBe('args.ms: expected integer, got string');
    expect(check('{"ms": -1}')).toBe('args.ms: must be ≥ 0');
    expect(check('{"ms": 5}')).toBeUndefined();
  });

  it('makes copies an addCopies request and refuses a fixed job id with copies', () => {
    const ok = m.validateCompose(form({ copies: '1000' }), schemaOf);
    expect(m.draftRequest(ok.draft!, 'op-1')).toMatchObject({
      method: 'jobs.addCopies',
      params: { count: 1000, opId: 'op-1' },
    });
    const clash = m.validateCompose(form({ copies: '5' }, { jobId: 'x' }), schemaOf);
    expect(clash.errors['options.jobId']).toMatch(/leave the job id blank/);
  });

  it('validates each step of a chord and its callback, and round-trips through a draft', () => {
    const steps = [
      { task: 'demo.echo', argsJson: '1', queue: '' },
      { task: 'demo.sleep', argsJson: '{"ms":1}', queue: 'other' },
    ];
    const chord = form({ kind: 'chord', steps, callback: { task: 'demo.echo', argsJson: '{', queue: '' } });
    expect(m.validateCompose(chord, schemaOf).errors).toEqual({
      'callback.argsJson': expect.stringMatching(/JSON/),
    });
    const fixed = { ...chord, callback: { task: 'demo.echo', argsJson: '{}', queue: '' } };
    const { draft } = m.validateCompose(fixed, schemaOf);
    expect(m.draftRequest(draft!, 'op')).toMatchObject({
      method: 'flows.add',
      params: { kind: 'chord', callback: { task: 'demo.echo' } },
    });
    expect((m.draftToForm(draft!).steps as unknown[])[1]).toEqual(steps[1]);
  });

  it('rejects an ETA in the past and a delay left blank', () => {
    const past = m.validateCompose(form({}, { timing: 'eta', eta: '2001-01-01T10:00' }), schemaOf);
    expect(past.errors['options.eta']).toMatch(/past/);
    const blank = m.validateCompose(form({}, { timing: 'delay', delayMs: '' }), schemaOf);
    expect(blank.errors['options.delayMs']).toMatch(/give a delay/);
  });

  it('sends a Celery task with its engine, kwargs and time limits, and keeps them through a draft', () => {
    const celery = form(
      { engine: 'celery', queue: 'py', task: 'qd.echo', argsJson: '[1]', kwargsJson: '{"who":"ann"}' },
      { softTimeLimitSec: '30', timeLimitSec: '60', timing: 'delay', delayMs: '2000' },
    );
    const { draft, errors } = m.validateCompose(celery, schemaOf);
    expect(errors).toEqual({});
    expect(draft).toMatchObject({ engine: 'celery', kwargsJson: '{"who":"ann"}' });
    const req = m.draftRequest(draft as NonNullable<typeof draft>, 'op');
    expect(req).toEqual({
      method: 'jobs.add',
      params: {
        queue: 'py',
        engine: 'celery',
        kwargs: { who: 'ann' },
        task: 'qd.echo',
        argsJson: '[1]',
        options: { delayMs: 2000, softTimeLimitSec: 30, timeLimitSec: 60 },
      },
    });
    expect(m.draftToForm(draft as NonNullable<typeof draft>)).toMatchObject({
      engine: 'celery',
      kwargsJson: '{"who":"ann"}',
      options: { softTimeLimitSec: '30', timeLimitSec: '60' },
    });
    const bad = m.validateCompose({ ...celery, kwargsJson: '[1]' }, schemaOf);
    expect(bad.errors.kwargsJson).toMatch(/JSON object/);
    const limits = m.validateCompose(form({ engine: 'celery' }, { timeLimitSec: '-1' }), schemaOf);
    expect(limits.errors['options.timeLimitSec']).toMatch(/positive/);
    // A BullMQ draft names no engine (the default), as drafts saved before engines did.
    expect(m.validateCompose(form({ kwargsJson: '{"a":1}' }), schemaOf).draft).not.toHaveProperty('engine');
  });
});
