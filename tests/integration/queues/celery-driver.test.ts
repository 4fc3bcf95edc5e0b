import { afterAll, beforeAll } from 'vitest';
import { CeleryDriver } from '../../../src/core/queues/drivers/celery/driver';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { runDriverConformance } from './conformance';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

runDriverConformance(
  'celery',
  async () => {
    const driver = new CeleryDriver({ host: '127.0.0.1', port: redis.port });
    return {
      driver,
      work: () => Promise.reject(new Error('Celery tasks run on a Python worker (celery-worker.test.ts)')),
      close: () => driver.close(),
    };
  },
  { runsHandlers: false },
);
