import type { Params } from '../../../../../shared/contract';
import type { ComposeDraft, StepDraft } from '../../../../../shared/contract/templates';
import { parseKwargs } from './compose-validate';

/** What to call for a draft: one job, N copies, or a flow. Args travel as text; the host parses them. */
export type DraftRequest =
  | { method: 'jobs.add'; params: Params<'jobs.add'> }
  | { method: 'jobs.addCopies'; params: Params<'jobs.addCopies'> }
  | { method: 'flows.add'; params: Params<'flows.add'> };

const step = (s: StepDraft): { task: string; argsJson: string; queue?: string } => ({
  task: s.task,
  argsJson: s.argsJson,
  ...(s.queue ? { queue: s.queue } : {}),
});

export function draftRequest(draft: ComposeDraft, opId: string): DraftRequest {
  const engine = draft.engine ? { engine: draft.engine } : {};
  if (draft.kind === 'single') {
    const kwargs = draft.kwargsJson ? parseKwargs(draft.kwargsJson).value : undefined;
    const base = {
      queue: draft.queue,
      ...engine,
      ...(kwargs ? { kwargs } : {}),
      task: draft.task ?? '',
      argsJson: draft.argsJson ?? 'null',
      options: draft.options,
    };
    const copies = draft.copies ?? 1;
    if (copies > 1) return { method: 'jobs.addCopies', params: { ...base, count: copies, opId } };
    return { method: 'jobs.add', params: base };
  }
  return {
    method: 'flows.add',
    params: {
      queue: draft.queue,
      ...engine,
      kind: draft.kind,
      steps: (draft.steps ?? []).map(step),
      ...(draft.kind === 'chord' && draft.callback ? { callback: step(draft.callback) } : {}),
    },
  };
}
