import { describe, expect, it } from 'vitest';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

// Runs the built CLI (`npm test` builds first), the way a user starts it.
describe('queuedesk serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints its URL, starts connected, and on ${signal} leaves no redis-server behind`, async () => {
      const serve = await startServeProcess();
      expect(serve.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const api = await WsApi.open(serve.apiUrl);
      expect(await api.data('connection.status')).toMatchObject({ state: 'connected', mode: 'embedded' });
      const { pid } = await api.data<{ pid: number }>('server.info');
      expect(isAlive(pid)).toBe(true);
      api.close();

      const page = await fetch(serve.pageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');

      expect(await serve.stop(signal)).toBe(0);
      await waitUntil(() => !isAlive(pid), 5000);
    });
  }

  it('killed with SIGKILL, leaves no redis-server behind either (its watchdog stops it)', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    const { pid } = await api.data<{ pid: number }>('server.info');
    api.close();
    expect(isAlive(pid)).toBe(true);
    await serve.stop('SIGKILL');
    await waitUntil(() => !isAlive(pid), 5000);
  });

  it('warns when bound beyond loopback', async () => {
    const serve = await startServeProcess(['--host', '0.0.0.0']);
    expect(serve.output()).toMatch(/warning: binding 0\.0\.0\.0 exposes QueueDesk/);
    await serve.stop();
  });
});
