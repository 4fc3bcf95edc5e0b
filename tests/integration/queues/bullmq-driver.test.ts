import { afterAll, beforeAll } from 'vitest';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { bullmqTarget } from './bullmq-target';
import { runDriverConformance } from './conformance';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

runDriverConformance('bullmq', (prefix) => bullmqTarget({ host: '127.0.0.1', port: redis.port })(prefix));
