import { z } from 'zod';
import { type } from './define';
import { EngineField } from './engines';
import { FlowStep } from './job-input';
import type { JobRefDto } from './jobs';
import { QueuePrefix } from './queue-refs';
import { QueueName } from './task-model';

/**
 * chain: steps run one after another, each gets the previous result (`ctx.previous`).
 * group: steps run in parallel. chord: the group, then `callback` with all results (`ctx.childResults`).
 */
export const AddFlowInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    kind: z.enum(['chain', 'group', 'chord']),
    steps: z.array(FlowStep).min(1).max(1000),
    callback: FlowStep.optional(),
  })
  .strict()
  .refine((f) => (f.kind === 'chord') === (f.callback !== undefined), {
    message: 'a chord needs a callback, and only a chord has one',
    path: ['callback'],
  });
export type AddFlowInput = z.output<typeof AddFlowInput>;

export interface FlowResult {
  /** The job that runs last (chain's last step, chord's callback); absent for a group. */
  rootId?: string;
  jobs: Array<JobRefDto & { task: string }>;
}

export const flowsMethods = {
  'flows.add': { input: AddFlowInput, output: type<FlowResult>() },
};
