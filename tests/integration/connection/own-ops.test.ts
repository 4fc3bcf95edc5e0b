import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ServerInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { commandStats } from '../../helpers/redis-time';

let redis: TestRedis;
let host: CoreHost;

async function serverInfo(): Promise<ServerInfo> {
  const r = await host.call('server.info', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.data as ServerInfo;
}

/** Commands Redis has run so far, by its commandstats (not counting the INFO that asks). */
async function processed(probe: ReturnType<TestRedis['client']>): Promise<number> {
  return (await commandStats(probe)).calls;
}

beforeAll(async () => {
  redis = await startTestRedis();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-own-ops-')) });
  const r = await host.call('connection.connect', { mode: 'url', url: redis.url });
  if (!r.ok) throw new Error(r.error.message);
  // The host's background subscriber finishes its handshake first (some of it Redis 7.0 refuses and never counts).
  const probe = redis.client();
  await waitUntil(async () => /name=queuedesk:beat-notify .*sub=1/.test(String(await probe.client('LIST'))));
});

afterAll(async () => {
  await host?.close();
  await redis?.stop();
});

describe("server.info's count of QueueDesk's own commands", () => {
  it('counts exactly the commands the host sent, and none of anyone else', async () => {
    const probe = redis.client();
    const first = await serverInfo();
    const redisBefore = await processed(probe);
    // Someone else's load: must not be counted as QueueDesk's.
    await Promise.all(Array.from({ length: 50 }, (_, i) => probe.set(`other:${i}`, 'x')));
    // Plain commands only: Redis also counts each command a Lua script runs, which no client can see.
    for (let i = 0; i < 10; i++) await host.call('pubsub.channels', {});
    const second = await serverInfo();
    const redisAfter = await processed(probe);
    const own = second.ownCommands - first.ownCommands;
    expect(own).toBeGreaterThanOrEqual(11); // 10 listings (several PUBSUB commands each) and one INFO
    // Redis ran: our commands, the 50 SETs, and the probe's first INFO.
    expect(redisAfter - redisBefore).toBe(own + 50 + 1);
  });

  it('reports a per-second rate of them', async () => {
    await serverInfo();
    for (let i = 0; i < 30; i++) await host.call('pubsub.channels', {});
    expect((await serverInfo()).ownOpsPerSec).toBeGreaterThan(0);
  });
});
