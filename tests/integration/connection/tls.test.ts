import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServerBinary } from '../../../src/core/connection/find-binary';
import { CoreHost } from '../../../src/core/host';
import { waitUntil } from '../../helpers/process-alive';
import { freePort } from '../../helpers/redis-server';

let dir: string;
let port: number;
let server: ChildProcess;
let ca: string;

/** A redis-server that speaks only TLS, with a self-signed certificate made for this run by openssl. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qd-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  port = await freePort();
  server = spawn(
    findRedisServerBinary() as string,
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--dir',
      dir,
      '--tls-cert-file',
      join(dir, 'cert.pem'),
      '--tls-key-file',
      join(dir, 'key.pem'),
      '--tls-ca-cert-file',
      join(dir, 'cert.pem'),
      '--tls-auth-clients',
      'no',
    ],
    { stdio: 'ignore' },
  );
  await waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const s = tlsConnect(
          { port, host: '127.0.0.1', rejectUnauthorized: false },
          () => (s.destroy(), resolve(true)),
        );
        s.once('error', () => resolve(false));
      }),
    5000,
    50,
  );
});

afterAll(() => {
  server?.kill('SIGKILL');
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

  it('refuses an unknown self-signed certificate with the reason, unless told to skip verification', async () => {
    const host = new CoreHost({ dataDir: dir });
    const refused = await host.call('connection.test', {
      mode: 'url',
      url: `redis://127.0.0.1:${port}`,
      tls: true,
    });
    expect(refused).toMatchObject({ ok: true, data: { ok: false } });
    expect(JSON.stringify(refused)).toMatch(/self[- ]signed/i);
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
    const seen: string[] = [];
    host.onEvent((event, data) => {
      if (event === 'pubsub.messages')
        for (const m of (data as { messages: Array<{ payload: string }> }).messages) seen.push(m.payload);
    });
    await host.call('connection.connect', { mode: 'url', url: `rediss://127.0.0.1:${port}`, tlsCa: ca });
    expect(await host.call('pubsub.subscribe', { channels: ['secure'] })).toMatchObject({ ok: true });
    await host.call('pubsub.publish', { channel: 'secure', payload: 'over tls' });
    await waitUntil(() => seen.includes('over tls'));
    await host.close();
  });
});
