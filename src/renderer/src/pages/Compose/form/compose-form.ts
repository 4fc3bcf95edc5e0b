import type { EngineName } from '../../../../../shared/contract/engines';

/** The Compose panel's fields as typed (text), before validation turns them into a draft. */
export type FlowKind = 'single' | 'chain' | 'group' | 'chord';
export type Timing = 'now' | 'delay' | 'eta';
export type BackoffKind = 'none' | 'fixed' | 'exponential';

export interface OptionsForm {
  timing: Timing;
  delayMs: string;
  /** `datetime-local` value, in the user's time zone. */
  eta: string;
  priority: string;
  attempts: string;
  backoff: BackoffKind;
  backoffDelayMs: string;
  jitter: string;
  jobId: string;
  expiresMs: string;
  /** Blank keeps every finished job; a number keeps that many; "0" removes at once. */
  removeOnComplete: string;
  removeOnFail: string;
  lifo: boolean;
  /** Celery time limits in seconds (blank: none). */
  softTimeLimitSec: string;
  timeLimitSec: string;
}

export interface StepForm {
  task: string;
  argsJson: string;
  queue: string;
}

export interface ComposeForm {
  queue: string;
  /** Chosen explicitly: a BullMQ and a Celery queue may share a name. */
  engine: EngineName;
  /** Celery keyword arguments (a JSON object); blank means none. */
  kwargsJson: string;
  kind: FlowKind;
  task: string;
  argsJson: string;
  options: OptionsForm;
  copies: string;
  steps: StepForm[];
  callback: StepForm;
}

export const EMPTY_OPTIONS: OptionsForm = {
  timing: 'now',
  delayMs: '',
  eta: '',
  priority: '',
  attempts: '',
  backoff: 'none',
  backoffDelayMs: '1000',
  jitter: '',
  jobId: '',
  expiresMs: '',
  removeOnComplete: '',
  removeOnFail: '',
  lifo: false,
  softTimeLimitSec: '',
  timeLimitSec: '',
};

export const emptyStep = (task = 'demo.echo', argsJson = '{}'): StepForm => ({ task, argsJson, queue: '' });

export const EMPTY_FORM: ComposeForm = {
  queue: 'default',
  engine: 'bullmq',
  kwargsJson: '',
  kind: 'single',
  task: 'demo.echo',
  argsJson: '{\n  "hello": "world"\n}',
  options: EMPTY_OPTIONS,
  copies: '1',
  steps: [emptyStep(), emptyStep()],
  callback: emptyStep(),
};

/** Field errors keyed by a path such as `task`, `options.delayMs` or `steps.1.argsJson`. */
export type FieldErrors = Record<string, string>;
