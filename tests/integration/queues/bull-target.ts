import Bull from 'bull';
import type { RedisOptions } from 'ioredis';
import { BullDriver } from '../../../src/core/queues/drivers/bull/driver';
import type { ConformanceTarget, WorkHandler } from './conformance-target';

/** The legacy Bull driver, with jobs run by a plain Bull queue's `process` in the test process, as a Bull app does. */
export function bullTarget(options: RedisOptions) {
  return async (prefix: string): Promise<ConformanceTarget> => {
    const driver = new BullDriver(options, prefix);
    const workers: Bull.Queue[] = [];
    return {
      driver,
      async work(queue: string, handler: WorkHandler, concurrency = 1) {
        const app = new Bull(queue, { prefix, redis: { host: options.host, port: options.port } });
        app.on('error', () => undefined);
        workers.push(app);
        void app.process('*', concurrency, async (job) =>
          handler({
            id: String(job.id),
            task: job.name,
            args: job.data,
            attempt: job.attemptsMade + 1,
            log: async (line) => void (await job.log(line)),
            progress: async (value) => void (await job.progress(value)),
            childResults: () => Promise.reject(new Error('Bull has no flows')),
          }),
        );
        await app.isReady();
        return () => app.close();
      },
      async close() {
        await Promise.allSettled(workers.map((w) => w.close()));
        await driver.close();
      },
    };
  };
}
