import { randomUUID } from 'node:crypto';
import type { FlowResult, FlowStep } from '../../../../shared/contract/queues';
import type { FlowSpec } from '../../driver';
import { buildMessage, celeryArgs, type CeleryMessage, type Signature } from './message';
import type { Outgoing } from './producer';

/** A frozen signature: its task id is chosen now, so the flow's result ids are known before it runs. */
function frozen(step: FlowStep, queue: string, id: string, rootId: string): Signature {
  return {
    task: step.task,
    args: celeryArgs(step.args),
    kwargs: step.kwargs ?? {},
    options: {
      task_id: id,
      reply_to: '',
      queue,
      root_id: rootId,
      ...(step.options?.priority !== undefined ? { priority: Math.min(255, step.options.priority - 1) } : {}),
    },
    subtask_type: null,
    immutable: false,
  };
}

export interface PlannedFlow {
  outgoing: Outgoing[];
  /** The messages workers will send for the later steps, as they will look. */
  later: CeleryMessage[];
  result: FlowResult;
  /** A chord's group id and size: the worker joins on `celery-taskset-meta-<gid>.s` (protocol §1.6). */
  chord?: { groupId: string; size: number };
  group?: { groupId: string; ids: string[] };
}

function plan(step: FlowStep, flowQueue: string) {
  return {
    task: step.task,
    queue: step.queue ?? flowQueue,
    args: step.args,
    kwargs: step.kwargs,
    options: step.options,
    link: step.link,
    linkError: step.linkError,
  };
}

/** chain → one message whose embed.chain holds the rest, reversed; group/chord → one message per member. */
export function planFlow(flow: FlowSpec): PlannedFlow {
  const ids = flow.steps.map(() => randomUUID());
  const jobs = flow.steps.map((s, i) => ({
    queue: s.queue ?? flow.queue,
    id: ids[i] as string,
    task: s.task,
  }));
  if (flow.kind === 'chain') {
    const rootId = ids[0] as string;
    const rest = flow.steps
      .slice(1)
      .map((s, i) => frozen(s, s.queue ?? flow.queue, ids[i + 1] as string, rootId));
    const first = flow.steps[0] as FlowStep;
    const later = flow.steps
      .slice(1)
      .map((s, i) => buildMessage({ ...plan(s, flow.queue), id: ids[i + 1], rootId, parentId: ids[i] }));
    const message = buildMessage({ ...plan(first, flow.queue), id: rootId, chain: rest.reverse() });
    return {
      outgoing: [{ queue: jobs[0]?.queue as string, message }],
      later,
      result: { rootId: ids[ids.length - 1], jobs },
    };
  }
  const groupId = randomUUID();
  let chord: Signature | undefined;
  const later: CeleryMessage[] = [];
  const result: FlowResult = { jobs };
  if (flow.kind === 'chord' && flow.callback) {
    const cb = flow.callback;
    const cbId = randomUUID();
    chord = frozen(cb, cb.queue ?? flow.queue, cbId, ids[0] as string);
    result.rootId = cbId;
    later.push(
      buildMessage({
        ...plan(cb, flow.queue),
        id: cbId,
        rootId: ids[0],
        group: { id: groupId, index: null },
      }),
    );
    result.jobs = [...jobs, { queue: cb.queue ?? flow.queue, id: cbId, task: cb.task }];
  }
  const outgoing = flow.steps.map((s, i) => ({
    queue: jobs[i]?.queue as string,
    message: buildMessage({
      ...plan(s, flow.queue),
      id: ids[i],
      rootId: ids[0],
      group: { id: groupId, index: chord ? i : null },
      ...(chord ? { chord } : {}),
    }),
  }));
  return chord
    ? { outgoing, later, result, chord: { groupId, size: ids.length } }
    : { outgoing, later, result, group: { groupId, ids } };
}
