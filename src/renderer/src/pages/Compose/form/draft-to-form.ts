import type { ComposeDraft, StepDraft } from '../../../../../shared/contract/templates';
import { EMPTY_FORM, EMPTY_OPTIONS, emptyStep, type ComposeForm, type StepForm } from './compose-form';
import { optionsToForm } from './options-validate';

const stepToForm = (s: StepDraft): StepForm => ({ task: s.task, argsJson: s.argsJson, queue: s.queue ?? '' });

/** Fills the form from a saved draft (a template, or a job opened for "edit and re-enqueue"). */
export function draftToForm(draft: ComposeDraft): ComposeForm {
  return {
    ...EMPTY_FORM,
    queue: draft.queue,
    engine: draft.engine ?? 'bullmq',
    kwargsJson: draft.kwargsJson ?? '',
    kind: draft.kind,
    task: draft.task ?? EMPTY_FORM.task,
    argsJson: draft.argsJson ?? EMPTY_FORM.argsJson,
    options: optionsToForm(draft.options ?? {}, EMPTY_OPTIONS),
    copies: String(draft.copies ?? 1),
    steps: draft.steps?.length ? draft.steps.map(stepToForm) : EMPTY_FORM.steps,
    callback: draft.callback ? stepToForm(draft.callback) : emptyStep(),
  };
}
