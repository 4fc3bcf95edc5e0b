import { randomBytes } from 'node:crypto';
import type { QueueDriver } from '../../../src/core/queues/driver';

/** What a handler in the conformance suite sees of the job it runs; neutral across drivers. */
export interface WorkJob {
  id: string;
  task: string;
  args: unknown;
  /** 1 on the first run. */
  attempt: number;
  log(line: string): Promise<void>;
  progress(value: number): Promise<void>;
  /** Results of the job's children (chain: the previous step; chord: every group step). */
  childResults(): Promise<unknown[]>;
}

export type WorkHandler = (job: WorkJob) => unknown;

/** A driver under test plus a way to run jobs the way that backend's workers do. */
export interface ConformanceTarget {
  driver: QueueDriver;
  work(queue: string, handler: WorkHandler, concurrency?: number): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Makes a target on a fresh key prefix, so each test file stays apart from the others. */
export type TargetFactory = (prefix: string) => Promise<ConformanceTarget>;

/** Gives the suite's target once it is ready. */
export type Target = () => ConformanceTarget;

/** A queue name no other test uses. */
export function freshQueue(): string {
  return `q-${randomBytes(4).toString('hex')}`;
}
