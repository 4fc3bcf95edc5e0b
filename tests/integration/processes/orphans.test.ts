import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

describe('when the app itself is killed (kill -9 serve)', () => {
  it('its worker and beat notice the lost parent and exit: no orphans', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      const worker = await api.data<ProcessInfo>('workers.start', { queues: ['orphan-q'] });
      const beat = await api.data<ProcessInfo>('beat.start');
      const pids = [worker.pid, beat.pid] as number[];
      expect(pids.every(isAlive)).toBe(true);
      await serve.stop('SIGKILL');
      await waitUntil(() => pids.every((pid) => !isAlive(pid)), 10_000);
    } finally {
      api.close();
    }
  });
});
