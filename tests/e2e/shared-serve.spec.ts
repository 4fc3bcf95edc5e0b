import type { ConnectionStatus } from '../../src/shared/contract';
import { startTestRedis } from '../helpers/redis-server';
import { WsApi } from '../helpers/ws-api';
import { expect, test } from './fixtures';

// The worker's tests share one serve: what one test leaves connected must not be where the next one starts.
// (cluster.spec.ts left it on a cluster it had stopped, and commands.spec.ts, next, ran Celery against that.)
test.describe.configure({ mode: 'serial' });

let before: ConnectionStatus;

test('a test leaves the serve on another Redis, which then goes away', async ({ app, serve }) => {
  const api = await WsApi.open(serve.apiUrl);
  const other = await startTestRedis();
  try {
    before = await api.data<ConnectionStatus>('connection.status');
    expect(before).toMatchObject({ mode: 'embedded', state: 'connected' });
    await api.data('connection.connect', { mode: 'url', url: other.url });
    await expect(app.getByTestId('status-state')).toHaveText('Connected');
  } finally {
    await other.stop();
    api.close();
  }
});

test('the next test starts on the embedded Redis again, the same server', async ({ app, serve }) => {
  const api = await WsApi.open(serve.apiUrl);
  try {
    const now = await api.data<ConnectionStatus>('connection.status');
    expect(now).toMatchObject({ mode: 'embedded', state: 'connected', url: before.url });
    await expect(app.getByTestId('status-state')).toHaveText('Connected');
  } finally {
    api.close();
  }
});
