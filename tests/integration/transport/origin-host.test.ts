import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../../helpers/raw-http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { upgradeStatus } from '../../helpers/upgrade-status';

// A page elsewhere must not drive the API: a foreign Origin is refused even with the token, and a Host that is
// not one of serve's own names (DNS rebinding: evil.example re-pointed at 127.0.0.1) is refused on HTTP and
// WebSocket. Node scripts send no Origin and keep working with the token alone.
let loopback: TestServer;
let wildcard: TestServer;

beforeAll(async () => {
  loopback = await startTestServer({ allowHosts: ['queuedesk.box'] });
  wildcard = await startTestServer({ host: '0.0.0.0' });
});

afterAll(async () => {
  await loopback?.stop();
  await wildcard?.stop();
});

describe('WebSocket Origin', () => {
  it("accepts no Origin (a Node client) and the page's own origin, whatever loopback name it uses", async () => {
    const { apiUrl, port } = loopback.server;
    expect(await upgradeStatus(apiUrl)).toBe(101);
    expect(await upgradeStatus(apiUrl, { origin: `http://127.0.0.1:${port}` })).toBe(101);
    const viaLocalhost = apiUrl.replace('127.0.0.1', 'localhost');
    expect(await upgradeStatus(viaLocalhost, { origin: `http://localhost:${port}` })).toBe(101);
  });

  it('refuses another origin with 403 even with the right token', async () => {
    const { apiUrl, port } = loopback.server;
    for (const origin of [
      'https://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port}`, // the page is on 127.0.0.1: localhost is another origin
      'null',
      'file://',
      `ws://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}/path`,
      'not a url',
    ]) {
      expect(await upgradeStatus(apiUrl, { origin }), origin).toBe(403);
    }
  });
});

describe('Host header (DNS rebinding)', () => {
  it("refuses a WebSocket handshake whose Host is not one of serve's names with 421", async () => {
    const { apiUrl, port } = loopback.server;
    expect(await upgradeStatus(apiUrl, { headers: { host: `evil.example:${port}` } })).toBe(421);
    // The attacker's page is same-origin with its own name, so Origin matches Host: Host alone must refuse it.
    const rebound = { headers: { host: `evil.example:${port}` }, origin: `http://evil.example:${port}` };
    expect(await upgradeStatus(apiUrl, rebound)).toBe(421);
    expect(await upgradeStatus(apiUrl, { headers: { host: `10.0.0.7:${port}` } })).toBe(421);
    expect(await upgradeStatus(apiUrl, { headers: { host: 'user@127.0.0.1' } })).toBe(421);
  });

  it('refuses the UI page to a foreign Host too, and serves it to loopback names and --allow-host names', async () => {
    const { port } = loopback.server;
    const page = (host: string) => rawGet(port, '/', [`Host: ${host}`]);
    expect((await page(`evil.example:${port}`)).status).toBe(421);
    expect((await page(`evil.example:${port}`)).text).toMatch(/--allow-host/);
    expect((await rawGet(port, '/', [])).status).toBe(400); // no Host at all: Node's own HTTP/1.1 check
    for (const ok of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST`,
      `[::1]:${port}`,
      'queuedesk.box:80',
    ]) {
      // The UI folder of this test is empty, so the page itself answers 503 "not built".
      expect((await page(ok)).status, ok).toBe(503);
    }
    const named = loopback.server.apiUrl;
    expect(await upgradeStatus(named, { headers: { host: `queuedesk.box:${port}` } })).toBe(101);
  });

  it('bound to every interface, accepts any IP literal but still no other name', async () => {
    const { token, port } = wildcard.server;
    const url = `ws://127.0.0.1:${port}/api?token=${token}`;
    expect(await upgradeStatus(url, { headers: { host: `10.0.0.7:${port}` } })).toBe(101);
    expect(await upgradeStatus(url, { headers: { host: `[fe80::1]:${port}` } })).toBe(101);
    expect(await upgradeStatus(url, { headers: { host: `evil.example:${port}` } })).toBe(421);
  });
});
