import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data } from '../worker/helpers';

let first: TestRedis;
let second: TestRedis;
let host: CoreHost;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestRedis(), startTestRedis()]);
  host = await connectedHost(first);
});

afterAll(async () => {
  await host.close();
  await Promise.all([first.stop(), second.stop()]);
});

describe('switching the app to another Redis', () => {
  it('stops the workers and beat of the old one and says so; none runs against the new one', async () => {
    const worker = await data<ProcessInfo>(host, 'workers.start', { queues: ['moved'], concurrency: 1 });
    const beat = await data<ProcessInfo>(host, 'beat.start');
    const ours = /name=\S*(queuedesk-worker|queuedesk:beat )/;
    expect(await first.client().client('LIST')).toMatch(ours);
    const notices: Array<{ level: string; text: string }> = [];
    const off = host.onEvent((event, payload) => {
      if (event === 'processes.notice') notices.push(payload as { level: string; text: string });
    });
    await data(host, 'connection.connect', { mode: 'url', url: second.url });
    await waitUntil(() => notices.length > 0);
    off();
    expect(notices[0]?.level).toBe('warn');
    expect(notices[0]?.text).toContain(`stopped ${worker.id} (moved), beat, which ran against ${first.url}`);
    await waitUntil(() => !isAlive(worker.pid as number) && !isAlive(beat.pid as number), 15_000);
    expect(await data<ProcessInfo[]>(host, 'workers.list')).toEqual([]);
    expect((await data<ProcessInfo[]>(host, 'processes.list')).map((p) => [p.id, p.state])).toEqual([
      ['beat', 'stopped'],
    ]);
    // Nothing of QueueDesk's consumes the new server's queue.
    expect(await second.client().client('LIST')).not.toMatch(ours);
  });
});
