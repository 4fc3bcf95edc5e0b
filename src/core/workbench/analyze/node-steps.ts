import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { StepFetch } from '../../keys/pace';
import { keysStep, scanStep, type RawStep, type StepOptions } from './page-script';
import { parseStep, unmeasured, type MeasuredStep } from './step-reply';

/** One SCAN step of the analysis with its keys measured: the scan call, then calls for what its budget left. */
export interface AnalyzePage {
  cursor: string;
  steps: MeasuredStep[];
}

export interface StepTiming {
  /** Longest round trip seen (ms) and longest call by the script's own clock (µs). */
  longest: number;
  longestServerUs: number;
}

/**
 * The analysis' step on one server, for the walker every full walk shares (`walkNodes`). Keys a budget-cut call
 * did not reach are measured in calls of their own before the step counts as done, so its Redis time (what a
 * paced walk keeps to its share) is every call's.
 */
export function analyzeFetch(
  redis: Redis,
  match: string,
  defaultCount: number,
  step: StepOptions,
  timing: StepTiming,
  stopped: () => boolean,
): StepFetch<AnalyzePage> {
  const timed = async (call: Promise<RawStep>): Promise<MeasuredStep> => {
    const t0 = performance.now();
    const raw = await call;
    timing.longest = Math.max(timing.longest, performance.now() - t0);
    timing.longestServerUs = Math.max(timing.longestServerUs, Number(raw[9]));
    return parseStep(raw);
  };
  return async (cursor, count) => {
    let last = await timed(scanStep(redis, cursor, match, count ?? defaultCount, step));
    const steps = [last];
    let serverUs = last.elapsedUs;
    while (last.measured < last.offsets.length - 1 && !stopped()) {
      last = await timed(keysStep(redis, unmeasured(last), step));
      steps.push(last);
      serverUs += last.elapsedUs;
    }
    const page = { cursor: steps[0]!.cursor, steps };
    return { cursor: page.cursor, serverUs, read: () => page };
  };
}
