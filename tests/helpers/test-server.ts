import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServeOptions } from '../../src/core/transport/server';
import { startTestRedis, type TestRedis } from './redis-server';

export interface TestServer {
  redis: TestRedis;
  server: RunningServer;
  stop(): Promise<void>;
}

/** serve in this process on a free loopback port, connected to its own real redis-server. */
export async function startTestServer(
  opts: Partial<ServeOptions> = {},
  redisArgs: string[] = [],
): Promise<TestServer> {
  const redis = await startTestRedis(redisArgs);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'qd-data-')),
    rendererDir: mkdtempSync(join(tmpdir(), 'qd-ui-')),
    connect: { mode: 'url', url: redis.url },
    ...opts,
  });
  return {
    redis,
    server,
    async stop() {
      await server.close();
      await redis.stop();
    },
  };
}
