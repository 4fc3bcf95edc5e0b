import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawBody, rawGet } from '../../helpers/raw-http';
import { startTestServer, type TestServer } from '../../helpers/test-server';

// Only the UI's own files are served: no "..", no encoded tricks, no symlink that leads out, no dot-files.
const SECRET = 'TOP-SECRET-CONTENT';
let t: TestServer;
let port: number;
/** The folder holding the secret, a sibling of the UI folder: "/../<out>/secret.txt" is the way there. */
let out: string;

beforeAll(async () => {
  const outside = mkdtempSync(join(tmpdir(), 'qd-outside-'));
  out = basename(outside);
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  const ui = mkdtempSync(join(tmpdir(), 'qd-ui-'));
  writeFileSync(join(ui, 'index.html'), '<div id="root"></div>');
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(ui, '.env'), SECRET);
  writeFileSync(join(ui, '%2e%2e'), 'a file literally named %2e%2e');
  symlinkSync(join(outside, 'secret.txt'), join(ui, 'assets', 'leak.js'));
  symlinkSync(outside, join(ui, 'outdir'));
  symlinkSync(join(ui, 'assets', 'app.js'), join(ui, 'inside-link.js'));
  t = await startTestServer({ rendererDir: ui });
  port = t.server.port;
});

afterAll(async () => {
  await t?.stop();
});

describe('static files', () => {
  it('serves the UI files, and index.html for the app routes', async () => {
    const app = await rawGet(port, '/assets/app.js');
    expect(app.status).toBe(200);
    expect(rawBody(app)).toBe('console.log(1)');
    expect(app.text).toMatch(/Content-Type: text\/javascript/i);
    const route = await rawGet(port, '/queues/some-route');
    expect(route.status).toBe(200);
    expect(rawBody(route)).toContain('id="root"');
    expect(rawBody(await rawGet(port, '/inside-link.js'))).toBe('console.log(1)');
  });

  it('never serves a file outside the UI folder, however the path is spelled', async () => {
    const attempts = [
      `/../${out}/secret.txt`,
      `/%2e%2e/${out}/secret.txt`,
      `/%2E%2E%2F${out}%2Fsecret.txt`,
      `/assets/..%2f..%2f${out}%2fsecret.txt`,
      `/assets/..%5c..%5c${out}%5csecret.txt`,
      `/%252e%252e/${out}/secret.txt`,
      `/..%c0%af${out}/secret.txt`,
      `/assets/leak.js`,
      `/outdir/secret.txt`,
      `/outdir%2fsecret.txt`,
      `/.env`,
      `/%2eenv`,
      `/assets/%00../../secret.txt`,
      `/index.html%00.js`,
      `/${'a/'.repeat(2000)}`,
    ];
    for (const target of attempts) {
      const reply = await rawGet(port, target);
      expect(reply.status, target).not.toBeNull();
      expect(reply.text, target).not.toContain(SECRET);
    }
    expect((await rawGet(port, '/assets/leak.js')).status).toBe(404);
    expect((await rawGet(port, '/outdir/secret.txt')).status).toBe(404);
    expect((await rawGet(port, '/.env')).status).toBe(404);
    expect((await rawGet(port, '/..%c0%af')).status).toBe(400);
  });

  it('decodes once: "%252e%252e" names the file literally called "%2e%2e"', async () => {
    expect(rawBody(await rawGet(port, '/%252e%252e'))).toBe('a file literally named %2e%2e');
  });

  it('answers other methods with 405 and a malformed target with 400', async () => {
    const post = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await rawGet(port, '*')).status).toBe(400);
    expect((await rawGet(port, 'http://127.0.0.1/')).status).toBe(400);
  });
});
