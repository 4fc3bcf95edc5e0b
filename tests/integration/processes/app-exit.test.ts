import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { descendants } from '../../helpers/process-tree';
import { startTestRedis } from '../../helpers/redis-server';
import { startServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

// Each case: the app's children must all be gone within this long after the app was signalled.
const GONE_WITHIN_MS = 8000;

describe('no process of QueueDesk outlives it', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`after ${signal}, with its Redis gone, a job running and a worker stopping`, async () => {
      const redis = await startTestRedis();
      const serve = await startServeProcess(['--redis', redis.url]);
      const api = await WsApi.open(serve.apiUrl);
      try {
        await api.data('jobs.add', { queue: 'exit-q', task: 'demo.sleep', args: { ms: 120_000 } });
        const worker = await api.data<ProcessInfo>('workers.start', { queues: ['exit-q'] });
        await api.data<ProcessInfo>('workers.start', { queues: ['exit-q2'] });
        await api.data<ProcessInfo>('beat.start');
        await waitUntil(async () => {
          const list = await api.data<ProcessInfo[]>('workers.list');
          return list.some((w) => w.currentJobs.length === 1);
        }, 10_000);
        const children = descendants(serve.proc.pid as number);
        expect(children.length).toBeGreaterThanOrEqual(3);
        await redis.kill();
        await api.waitForEvent('connection.changed', (s) => (s as { state: string }).state === 'connecting');
        void api.call('workers.stop', { id: worker.id }); // left "stopping"
        await serve.stop(signal);
        await waitUntil(() => children.every((pid) => !isAlive(pid)), GONE_WITHIN_MS, 100);
      } finally {
        api.close();
        await redis.stop();
      }
    }, 40_000);
  }

  it('after SIGKILL with the embedded Redis: the redis-server goes too', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      await api.data<ProcessInfo>('workers.start', { queues: ['exit-embedded'] });
      const { pid: redisPid } = await api.data<{ pid: number }>('server.info');
      const children = descendants(serve.proc.pid as number);
      expect(children).toContain(redisPid);
      await serve.stop('SIGKILL');
      await waitUntil(() => children.every((pid) => !isAlive(pid)), GONE_WITHIN_MS, 100);
    } finally {
      api.close();
    }
  }, 40_000);
});
