import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnyClient } from '../../../src/core/connection/client-factory';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { startAckedWriter } from '../../helpers/acked-writer';
import { waitUntil } from '../../helpers/process-alive';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { data } from '../worker/helpers';

let set: TestSentinels;
let host: CoreHost;
const seen: ConnectionStatus[] = [];

beforeAll(async () => {
  set = await startTestSentinels();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-sentinel-acked-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
  await data(host, 'connection.connect', { mode: 'sentinel', sentinels: set.sentinels, name: set.name });
}, 30_000);
afterAll(async () => {
  await host?.close();
  await set?.stop();
});

describe('writes through a Sentinel failover', () => {
  it('keeps every write a replica confirmed, and QueueDesk reads them from the new primary', async () => {
    // The application's client, built from QueueDesk's connection the way its workers get theirs
    const app = createAnyClient(host.connection.sharedOptions(), 'command');
    app.on('error', () => undefined);
    try {
      const writer = startAckedWriter(app, 'sw:');
      await waitUntil(() => writer.acked.length >= 50, 20_000);
      const before = seen.length;
      await set.primary.kill();
      await waitUntil(() => seen.slice(before).some((s) => /^failing over/.test(s.note ?? '')), 10_000);
      await waitUntil(() => host.connection.status().primary === `127.0.0.1:${set.replica.port}`, 30_000, 50);
      await writer.stop();
      expect(host.connection.status().state).toBe('connected');
      const values = await host.connection.client().mget(writer.acked);
      const missing = writer.acked.filter((k, i) => values[i] !== k.slice(3));
      expect(missing).toEqual([]);
    } finally {
      app.disconnect();
    }
  }, 60_000);
});
