import { Worker, type ConnectionOptions } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { BullmqDriver } from '../../../src/core/queues/drivers/bullmq/driver';
import type { ConformanceTarget, WorkHandler } from './conformance-target';

/** The BullMQ driver, with jobs run by a plain bullmq Worker in the test process. */
export function bullmqTarget(options: RedisOptions) {
  return async (prefix: string): Promise<ConformanceTarget> => {
    const driver = new BullmqDriver(options, prefix);
    const workers: Worker[] = [];
    return {
      driver,
      async work(queue: string, handler: WorkHandler, concurrency = 1) {
        const worker = new Worker(
          queue,
          async (job) =>
            handler({
              id: String(job.id),
              task: job.name,
              args: job.data,
              attempt: job.attemptsMade + 1,
              log: async (line) => void (await job.log(line)),
              progress: (value) => job.updateProgress(value),
              childResults: async () => Object.values(await job.getChildrenValues()),
            }),
          {
            connection: { ...options, maxRetriesPerRequest: null } as ConnectionOptions,
            prefix,
            concurrency,
          },
        );
        worker.on('error', () => undefined);
        workers.push(worker);
        await worker.waitUntilReady();
        return () => worker.close();
      },
      async close() {
        await Promise.allSettled(workers.map((w) => w.close()));
        await driver.close();
      },
    };
  };
}
