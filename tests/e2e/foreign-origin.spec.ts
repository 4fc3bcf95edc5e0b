import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../../playwright.config';
import { expect, test } from './fixtures';

// What a browser really sends: the UI's own page opens the API; a page of another site, even one that knows
// the token, or one that re-points its own name at 127.0.0.1 (DNS rebinding), is refused.
function tryApi(page: Page, apiUrl: string): Promise<string> {
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    apiUrl,
  );
}

let other: Server;
test.beforeAll(async () => {
  other = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>elsewhere</p>'),
  );
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
});
test.afterAll(() => new Promise<void>((r) => other.close(() => r())));

test('the served UI opens the API; a page on another origin with the token cannot', async ({
  page,
  serve,
}) => {
  await page.goto(serve.pageUrl);
  expect(await tryApi(page, serve.apiUrl)).toBe('open');
  await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
  expect(await tryApi(page, serve.apiUrl)).toBe('refused');
});

test('a name re-pointed at 127.0.0.1 gets neither the page nor the API', async ({ serve }) => {
  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
    args: [...CHROMIUM_LAUNCH.args, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const rebound = `http://rebind.test:${serve.port}`;
    const res = await page.goto(`${rebound}/?token=${serve.token}`);
    expect(res?.status()).toBe(421);
    expect(await tryApi(page, `ws://rebind.test:${serve.port}/api?token=${serve.token}`)).toBe('refused');
  } finally {
    await browser.close();
  }
});
