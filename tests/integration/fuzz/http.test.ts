import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_RESORT_MARK } from '../../../src/cli/last-resort';
import { rawBody, rawRequest } from '../../helpers/raw-http';
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

// Raw bytes at a live `queuedesk serve` (the built CLI): malformed request lines, paths and headers. The process
// stays up and every request gets an answer or a closed socket; a 200 is always one of the UI's own files.
const RUNS = Number(process.env.FUZZ_RUNS ?? 40) * 5;
const UI_DIR = resolve(import.meta.dirname, '../../../out/renderer');
let serve: ServeProcess;
const uiFiles = new Set<string>();

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  for (const f of readdirSync(UI_DIR, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) uiFiles.add(sha(readFileSync(join(f.parentPath, f.name))));
  }
  serve = await startServeProcess();
});

afterAll(async () => {
  await serve?.stop();
});

const PATH_PIECES = [
  '/',
  '//',
  '..',
  '.',
  '%',
  '%2e',
  '%2E%2e',
  '%2f',
  '%5c',
  '\\',
  '%00',
  '%c0%af',
  '%252e',
  '%u002e',
  'assets',
  'index.html',
  '.env',
  '.git',
  'api',
  '?token=',
  '?',
  '#',
  ';',
  '@',
  ':',
  '~',
  '*',
  'é',
  '%e9',
  '💥',
  '\t',
  ' ',
  '/etc/passwd',
  'C:',
  '\u0000',
  'a'.repeat(300),
];
// Pieces a request line may carry as they are (the rest make Node's parser answer 400 before serve sees them).
const SAFE_PIECES = PATH_PIECES.filter((p) => /^[\x21-\x7e]+$/.test(p) && p !== '#');
const path = fc.oneof(
  {
    arbitrary: fc.array(fc.constantFrom(...SAFE_PIECES), { maxLength: 12 }).map((p) => `/${p.join('')}`),
    weight: 4,
  },
  fc.array(fc.constantFrom(...PATH_PIECES), { maxLength: 12 }).map((p) => `/${p.join('')}`),
  fc.array(fc.constantFrom(...PATH_PIECES), { maxLength: 12 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('*', 'http://[', 'http://127.0.0.1/../../x', '//[', `/${'x/'.repeat(5000)}`),
);
const method = fc.oneof(
  fc.constantFrom(
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'TRACE',
    'CONNECT',
    'PRI',
    'get',
    'G\u0000T',
  ),
  fc.string({ maxLength: 10 }),
);
const version = fc.constantFrom(
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/9.9',
  'HTTP/1.1 extra',
  '',
  'http/1.1',
);

function headers(port: number) {
  const host = fc.constantFrom(
    `127.0.0.1:${port}`,
    'localhost',
    'evil.example',
    '',
    '[::1',
    '127.0.0.1:99999',
    'a@b',
  );
  const one = fc.oneof(
    host.map((h) => `Host: ${h}`),
    fc.constantFrom(
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 99999999999999999999',
      'Content-Length: 1, 2',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Connection: close',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Key: ???',
      'Origin: https://evil.example',
      'Origin: null',
      'Expect: 100-continue',
      'X: a\u0000b',
      ': no name',
      'No-Colon',
      ' Leading: space',
      `Big: ${'x'.repeat(20_000)}`,
    ),
    fc
      .tuple(fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 40 }))
      .map(([k, v]) => `${k}: ${v}`),
  );
  return fc.array(one, { maxLength: 8 });
}

function request(port: number) {
  return fc
    .record({
      method,
      path,
      version,
      headers: headers(port),
      end: fc.constantFrom('\r\n\r\n', '\n\n', '\r\n', ''),
      body: fc.oneof(
        fc.constant(''),
        fc.string({ maxLength: 40 }),
        fc.constant('0\r\n\r\n'),
        fc.constant('zz\r\nx\r\n'),
      ),
    })
    .map((r) => `${r.method} ${r.path} ${r.version}\r\n${r.headers.join('\r\n')}${r.end}${r.body}`);
}

describe('HTTP fuzz against a live serve', () => {
  it('answers or closes on every raw request, and stays up', async () => {
    const { port } = serve;
    let statuses = 0;
    await fc.assert(
      fc.asyncProperty(request(port), async (bytes) => {
        const reply = await rawRequest(port, Buffer.from(bytes, 'utf8'), {
          halfClose: true,
          timeoutMs: 10_000,
        });
        if (reply.status !== null) statuses++;
        expect(serve.proc.exitCode).toBeNull();
      }),
      { numRuns: RUNS },
    );
    console.log(`http fuzz: ${RUNS} raw requests, ${statuses} answered with a status, the rest closed`);
  }, 120_000);

  it("serves nothing but the UI's own files, for any path", async () => {
    const { port } = serve;
    const seen: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(path, async (target) => {
        const bytes = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
        const reply = await rawRequest(port, Buffer.from(bytes, 'utf8'), { timeoutMs: 10_000 });
        seen[reply.status ?? 0] = (seen[reply.status ?? 0] ?? 0) + 1;
        if (reply.status === 200) expect(uiFiles.has(sha(Buffer.from(rawBody(reply), 'latin1')))).toBe(true);
      }),
      { numRuns: RUNS },
    );
    console.log(`http path fuzz: ${RUNS} paths, statuses ${JSON.stringify(seen)}`);
  }, 120_000);

  it('after all that, serves the page and the API, and never needed its last-resort guard', async () => {
    expect((await fetch(serve.pageUrl)).status).toBe(200);
    const api = await WsApi.open(serve.apiUrl);
    expect(await api.data('connection.status')).toMatchObject({ state: 'connected' });
    api.close();
    expect(serve.output()).not.toContain(LAST_RESORT_MARK);
  });
});
