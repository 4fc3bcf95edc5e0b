import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();
const other = useApiHost();

describe('queues API when Redis goes away and comes back', () => {
  it('answers NOT_CONNECTED while it is down, then serves and streams again; closing never hangs', async () => {
    const q = freshQueue();
    await h().ok('jobs.add', { queue: q, task: 'before' });
    await h().ok('queues.list', {}); // feed running
    await h().redis.kill();
    await waitUntil(async () => (await h().host.call('queues.list', {})).ok === false, 10_000);
    expect(await h().err('jobs.add', { queue: q, task: 'during' })).toMatchObject({ code: 'NOT_CONNECTED' });

    await h().redis.restart();
    await waitUntil(async () => (await h().host.call('queues.list', {})).ok, 15_000, 100);
    // The server came back empty (no persistence): the queue is new again and its events flow.
    const { id } = await h().ok('jobs.add', { queue: q, task: 'after' });
    await waitUntil(() => h().sawEvent(q, id, 'waiting'), 10_000);

    const started = Date.now();
    await h().host.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('closes promptly while Redis is down under a live feed', async () => {
    const q = freshQueue();
    await other().ok('jobs.add', { queue: q, task: 't' });
    await other().ok('queues.list', {});
    await other().redis.kill();
    await waitUntil(async () => (await other().host.call('queues.list', {})).ok === false, 10_000);
    const started = Date.now();
    await other().host.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
