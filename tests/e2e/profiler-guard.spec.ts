import { commandFlood } from '../helpers/command-flood';
import { startTestRedis } from '../helpers/redis-server';
import { startTcpProxy } from '../helpers/tcp-proxy';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';

test('profiler: stops when Redis buffers too much of its output, and the pane says how much', async ({
  app,
  serve,
}) => {
  // A Redis of its own behind a proxy that can stop reading the MONITOR replies (a QueueDesk fallen behind).
  const redis = await startTestRedis();
  const proxy = await startTcpProxy(redis.port);
  const api = await WsApi.open(serve.apiUrl);
  const flood = commandFlood(redis.port, 20_000_000);
  try {
    await api.data('connection.connect', { mode: 'url', url: proxy.url });
    await app.getByTestId('nav-workbench').click();
    await app.getByTestId('workbench-tab-profiler').click();
    await app.getByTestId('profiler-seconds').fill('60');
    await app.getByTestId('profiler-start').click();
    await expect(app.getByTestId('profiler-stop')).toContainText('s left');
    proxy.stall('queuedesk:profiler');
    const stopped = app.getByTestId('profiler-stopped');
    await expect(stopped).toContainText(/Redis was buffering \d+ MB for the profiler \(limit 32 MB\)/, {
      timeout: 30_000,
    });
    await expect(stopped).toContainText('stopped to protect Redis');
    await expect(app.getByTestId('profiler-start')).toBeVisible();
    await screenshot(app, 'workbench-profiler-guard', 'light');
    await screenshot(app, 'workbench-profiler-guard', 'dark');
  } finally {
    flood.stop();
    await api.data('connection.connect', { mode: 'embedded' });
    api.close();
    await proxy.close();
    await redis.stop();
  }
});
