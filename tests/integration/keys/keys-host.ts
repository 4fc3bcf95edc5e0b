import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CoreHost, type HostOptions } from '../../../src/core/host';
import type { MethodName, Params, Result } from '../../../src/shared/contract';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

export interface KeysHost {
  host: CoreHost;
  redis: TestRedis;
  client: Redis;
  /** A random prefix for this test file's keys. */
  prefix: string;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** The error envelope of a call expected to fail. */
  fail(method: MethodName, params: unknown): Promise<{ code: string; message: string }>;
  stop(): Promise<void>;
}

/** A core host connected to a real redis-server of its own, as the app runs it. */
export async function startKeysHost(
  options: Partial<HostOptions> = {},
  redisArgs: string[] = [],
): Promise<KeysHost> {
  const redis = await startTestRedis(redisArgs);
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-keys-')), ...options });
  const connected = await host.call('connection.connect', { mode: 'url', url: redis.url });
  if (!connected.ok) throw new Error(connected.error.message);
  return {
    host,
    redis,
    client: redis.client(),
    prefix: `t${randomBytes(4).toString('hex')}:`,
    async call(method, params) {
      const r = await host.call(method, params);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.data as never;
    },
    async fail(method, params) {
      const r = await host.call(method, params);
      if (r.ok) throw new Error(`${method} succeeded but was expected to fail`);
      return r.error;
    },
    async stop() {
      await host.close();
      await redis.stop();
    },
  };
}

/** Registers a host for the current test file; its members can be used inside tests and hooks. */
export function useKeysHost(options: Partial<HostOptions> = {}, redisArgs: string[] = []): KeysHost {
  let h: KeysHost | undefined;
  beforeAll(async () => {
    h = await startKeysHost(options, redisArgs);
  });
  afterAll(() => h?.stop());
  return new Proxy({} as KeysHost, {
    get(_, prop) {
      if (!h) throw new Error('keys host not started yet');
      return h[prop as keyof KeysHost];
    },
  });
}

/** The app's save dialog, standing in: records each suggested name and answers with `answer` (null = cancel). */
export function saveDialog(): {
  answer: string | null;
  asked: string[];
  pick(name: string): Promise<string | null>;
} {
  const d = {
    answer: null as string | null,
    asked: [] as string[],
    pick: (name: string) => {
      d.asked.push(name);
      return Promise.resolve(d.answer);
    },
  };
  return d;
}
