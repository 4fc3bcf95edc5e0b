import type { FlowJob, FlowProducer } from 'bullmq';
import type { FlowResult, FlowStep } from '../../../../shared/contract/queues';
import type { FlowSpec } from '../../driver';
import { toBullJobOptions } from './options';

/** A child that fails for good fails its parent too, instead of leaving it waiting for ever. */
const CHILD_OPTS = { failParentOnFailure: true };

function node(step: FlowStep, queue: string, prefix: string, asChild: boolean, now: number): FlowJob {
  const opts = { ...toBullJobOptions(step.options, now), ...(asChild ? CHILD_OPTS : {}) };
  return { name: step.task, queueName: step.queue ?? queue, data: step.args, prefix, opts };
}

/**
 * chain A→B→C: C is the root, B its child, A B's child, so each runs after the one before and reads its result
 * with getChildrenValues. chord: the callback is the root and the group its children. group: independent roots.
 */
export function flowTrees(spec: FlowSpec, prefix: string, now = Date.now()): FlowJob[] {
  if (spec.kind === 'group') return spec.steps.map((s) => node(s, spec.queue, prefix, false, now));
  if (spec.kind === 'chord') {
    const callback = spec.callback as FlowStep;
    const children = spec.steps.map((s) => node(s, spec.queue, prefix, true, now));
    return [{ ...node(callback, spec.queue, prefix, false, now), children }];
  }
  let tree: FlowJob | undefined;
  spec.steps.forEach((step, i) => {
    const current = node(step, spec.queue, prefix, i < spec.steps.length - 1, now);
    tree = tree ? ({ ...current, children: [tree] } as FlowJob) : current;
  });
  return [tree as FlowJob];
}

interface AddedNode {
  job: { id?: string; name: string; queueName: string };
  children?: AddedNode[];
}

function collect(added: AddedNode, out: FlowResult['jobs']): void {
  for (const child of added.children ?? []) collect(child, out);
  out.push({ queue: added.job.queueName, id: String(added.job.id), task: added.job.name });
}

/** Adds the flow atomically; jobs are listed in the order they will run, the root last. */
export async function addFlow(producer: FlowProducer, spec: FlowSpec, prefix: string): Promise<FlowResult> {
  const nodes = await producer.addBulk(flowTrees(spec, prefix));
  const jobs: FlowResult['jobs'] = [];
  for (const n of nodes) collect(n, jobs);
  if (spec.kind === 'group') return { jobs };
  return { rootId: String(nodes[0]?.job.id), jobs };
}
