import type { EngineName } from '../../../../shared/contract';
import type { FieldErrors, OptionsForm } from './form/compose-form';
import { engineTakes } from '../../stores/queues';
import { Field, SelectField, TextField } from './Field';

type TextKey = { [K in keyof OptionsForm]: OptionsForm[K] extends string ? K : never }[keyof OptionsForm];

/**
 * Delay or ETA, priority, attempts and back-off, job id, expiry, what to keep, LIFO. A Celery queue gets Celery's
 * options instead: countdown or ETA, expires, priority, task id, soft and hard time limits.
 */
export function OptionsFields({
  value,
  onChange,
  errors,
  engine = 'bullmq',
}: {
  value: OptionsForm;
  onChange(next: OptionsForm): void;
  errors: FieldErrors;
  engine?: EngineName;
}): React.JSX.Element {
  // BullMQ's and legacy Bull's options (attempts, back-off, job ids, keep/remove, LIFO); Celery has its own.
  const bull = engine !== 'celery';
  const set = (patch: Partial<OptionsForm>): void => onChange({ ...value, ...patch });
  const text = (key: TextKey, label: string, placeholder = '', hint?: string): React.JSX.Element => (
    <TextField
      label={label}
      name={`options.${key}`}
      testId={`input-options.${key}`}
      error={errors[`options.${key}`]}
      hint={hint}
      value={value[key]}
      onChange={(text) => set({ [key]: text })}
      placeholder={placeholder}
      inputMode="numeric"
    />
  );
  return (
    <fieldset className="options">
      <legend>Options</legend>
      <div className="options-grid">
        <SelectField
          label="When"
          name="options.timing"
          testId="input-options.timing"
          value={value.timing}
          choices={{
            now: 'now',
            delay: bull ? 'after a delay' : 'after a countdown',
            eta: 'at a time (ETA)',
          }}
          onChange={(timing) => set({ timing })}
        />
        {value.timing === 'delay' && text('delayMs', bull ? 'Delay (ms)' : 'Countdown (ms)', '5000')}
        {value.timing === 'eta' && (
          <Field label="ETA" error={errors['options.eta']} name="options.eta">
            <input
              type="datetime-local"
              value={value.eta}
              onChange={(e) => set({ eta: e.target.value })}
              data-testid="input-options.eta"
            />
          </Field>
        )}
        {bull && text('attempts', 'Attempts', '1')}
        {text('priority', 'Priority', 'none', '1 is the highest')}
        {bull && (
          <SelectField
            label="Back-off"
            name="options.backoff"
            testId="input-options.backoff"
            value={value.backoff}
            choices={{ none: 'none (retry at once)', fixed: 'fixed', exponential: 'exponential' }}
            onChange={(backoff) => set({ backoff })}
          />
        )}
        {bull && value.backoff !== 'none' && text('backoffDelayMs', 'Back-off delay (ms)', '1000')}
        {engine === 'bullmq' && value.backoff !== 'none' && text('jitter', 'Jitter (0–1)', '0')}
        {bull
          ? text('jobId', 'Job id', 'automatic', 'the same id twice keeps one job')
          : text('jobId', 'Task id', 'automatic (uuid)')}
        {engineTakes(engine, 'expiry') &&
          text('expiresMs', 'Expires after (ms)', 'never', 'dropped if not started by then')}
        {!bull && text('softTimeLimitSec', 'Soft time limit (s)', 'none', 'raises inside the task')}
        {!bull && text('timeLimitSec', 'Hard time limit (s)', 'none', 'kills the worker process')}
        {bull && text('removeOnComplete', 'Keep completed', 'all', '0 removes at once, N keeps the newest N')}
        {bull && text('removeOnFail', 'Keep failed', 'all')}
        {bull && (
          <label className="check">
            <input type="checkbox" checked={value.lifo} onChange={(e) => set({ lifo: e.target.checked })} />{' '}
            LIFO (run newest first)
          </label>
        )}
      </div>
    </fieldset>
  );
}
