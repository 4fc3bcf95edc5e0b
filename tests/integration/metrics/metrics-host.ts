import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../../../src/core/host';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

export interface MetricsHost {
  redis: TestRedis;
  host: CoreHost;
  /** Calls a method, throwing the coded error of a failed envelope. */
  call<T>(method: string, params: unknown): Promise<T>;
  close(): Promise<void>;
}

/** A real redis-server and a core host connected to it. */
export async function startMetricsHost(): Promise<MetricsHost> {
  const redis = await startTestRedis();
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-metrics-')) });
  const r = await host.call('connection.connect', { mode: 'url', url: redis.url });
  if (!r.ok) throw new Error(r.error.message);
  return {
    redis,
    host,
    async call<T>(method: string, params: unknown): Promise<T> {
      const reply = await host.call(method, params);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply.data as T;
    },
    async close() {
      await host.close();
      await redis.stop();
    },
  };
}
