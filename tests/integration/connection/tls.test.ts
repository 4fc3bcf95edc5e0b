import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import { publishAndHear } from '../../helpers/pubsub-roundtrip';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { makeTestTls } from '../../helpers/test-tls';

let dir: string;
let port: number;
let server: TestRedis;
let ca: string;

/** A redis-server that speaks only TLS, with a certificate of a private CA made for this run by openssl. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qd-tls-host-'));
  const tls = makeTestTls();
  ca = tls.ca;
  server = await startTestRedis([], tls);
  port = server.port;
});

afterAll(async () => {
  await server?.stop();
});

describe('TLS connection', () => {
  it('connects with the CA that signed the server certificate', async () => {
    const host = new CoreHost({ dataDir: dir });
    const r = await host.call('connection.connect', {
      mode: 'url',
      url: `rediss://127.0.0.1:${port}`,
      tlsCa: ca,
    });
    expect(r).toMatchObject({ ok: true, data: { state: 'connected' } });
    expect(await host.connection.client().ping()).toBe('PONG');
    await host.close();
  });

  it('refuses a certificate of an unknown CA with the reason and what to do, unless told to skip verification', async () => {
    const host = new CoreHost({ dataDir: dir });
    const refused = await host.call('connection.test', {
      mode: 'url',
      url: `redis://127.0.0.1:${port}`,
      tls: true,
    });
    expect(refused).toMatchObject({ ok: true, data: { ok: false } });
    expect(JSON.stringify(refused)).toMatch(/self[- ]signed.*not trusted; give the CA certificate/i);
    const skipped = await host.call('connection.connect', {
      mode: 'url',
      url: `redis://127.0.0.1:${port}`,
      tls: true,
      tlsSkipVerify: true,
    });
    expect(skipped).toMatchObject({ ok: true, data: { state: 'connected' } });
    await host.close();
  });

  it('runs the pub/sub subscriber over TLS too (its own RESP link, not ioredis)', async () => {
    const host = new CoreHost({ dataDir: dir });
    await host.call('connection.connect', { mode: 'url', url: `rediss://127.0.0.1:${port}`, tlsCa: ca });
    await publishAndHear(host, 'secure', 'over tls');
    await host.close();
  });
});
