import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/core/transport/server';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { commandCalls, parseLines, writeBigHash, writeBigString } from '../keys/big-values';

let redis: TestRedis;
let client: Redis;
let server: RunningServer;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'qd-dl-')),
    rendererDir: mkdtempSync(join(tmpdir(), 'qd-ui-')),
    connect: { mode: 'url', url: redis.url },
  });
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

const url = (query: Record<string, string>): string =>
  `http://127.0.0.1:${server.port}/api/download?${new URLSearchParams(query).toString()}`;

describe('GET /api/download: serve mode streams a value straight from Redis', () => {
  it('streams a 20 MB string byte for byte with its length and an attachment name', async () => {
    const value = await writeBigString(client, 'dl:blob', 20 * 1024 * 1024);
    await client.config('RESETSTAT');
    const res = await fetch(url({ token: server.token, key: 'dl:blob' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(value.length));
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="dl_blob.bin"');
    expect(Buffer.from(await res.arrayBuffer()).equals(value)).toBe(true);
    expect(await commandCalls(client, 'getrange')).toBe(20);
  });

  it('streams a hash as JSON lines, and a binary key by its base64 name', async () => {
    const fields = await writeBigHash(client, 'dl:hash', 10_000);
    const res = await fetch(url({ token: server.token, key: 'dl:hash' }));
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const rows = parseLines(await res.text()) as Array<{ field: string; value: string }>;
    expect(new Map(rows.map((r) => [r.field, r.value]))).toEqual(fields);
    await client.set(Buffer.from([0xff, 0x01]), 'bin');
    const bin = await fetch(url({ token: server.token, key: '/wE=', keyEncoding: 'base64' }));
    expect(await bin.text()).toBe('bin');
    expect(bin.headers.get('content-disposition')).toBe('attachment; filename="value.bin"');
  });

  it('refuses a wrong or missing token and reports a missing key', async () => {
    await client.set('dl:secret', 'secret');
    const wrong = await fetch(url({ token: 'nope', key: 'dl:secret' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('secret');
    expect((await fetch(url({ key: 'dl:secret' }))).status).toBe(401);
    expect((await fetch(url({ token: server.token, key: 'dl:none' }))).status).toBe(404);
    expect((await fetch(url({ token: server.token }))).status).toBe(400);
    expect((await fetch(url({ token: server.token, key: 'x', keyEncoding: 'hex' }))).status).toBe(400);
  });
});

describe('GET /api/download with a Range: the page worker reads a big string in slices', () => {
  it('answers 206 with the slice and the total length', async () => {
    await client.set('dl:range', '0123456789');
    const res = await fetch(url({ token: server.token, key: 'dl:range' }), { headers: { Range: 'bytes=2-5' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await res.text()).toBe('2345');
    const open = await fetch(url({ token: server.token, key: 'dl:range' }), { headers: { Range: 'bytes=7-' } });
    expect(await open.text()).toBe('789');
    const past = await fetch(url({ token: server.token, key: 'dl:range' }), { headers: { Range: 'bytes=20-' } });
    expect(past.status).toBe(200);
    expect(await past.text()).toBe('0123456789');
  });
});
