import { afterAll, beforeAll } from 'vitest';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { bullTarget } from './bull-target';
import { runDriverConformance } from './conformance';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

runDriverConformance('bull (legacy)', (prefix) =>
  bullTarget({ host: '127.0.0.1', port: redis.port })(prefix),
);
