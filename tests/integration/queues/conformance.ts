import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ConformanceTarget, Target, TargetFactory } from './conformance-target';
import { enqueueChecks } from './conformance-enqueue';
import { listChecks } from './conformance-list';
import { processingChecks } from './conformance-processing';
import { queueChecks } from './conformance-queue';
import { flowChecks } from './conformance-flows';

/**
 * The whole QueueDriver interface, checked against one driver. Each driver's test file calls this with a factory;
 * the suite runs on its own key prefix.
 */
export function runDriverConformance(label: string, factory: TargetFactory, opts = { runsHandlers: true }): void {
  describe(`QueueDriver conformance: ${label}`, () => {
    let target: ConformanceTarget | undefined;
    const get: Target = () => {
      if (!target) throw new Error('target not ready');
      return target;
    };
    beforeAll(async () => {
      target = await factory(`qdt-${randomBytes(3).toString('hex')}`);
    });
    afterAll(async () => {
      await target?.close();
    });
    enqueueChecks(get);
    listChecks(get);
    queueChecks(get);
    // Processing needs a worker that runs the suite's JS handlers; Celery's own worker is Python, so its
    // processing is checked against a real Celery worker in celery-worker.test.ts instead.
    if (opts.runsHandlers) {
      processingChecks(get);
      flowChecks(get);
    }
  });
}
