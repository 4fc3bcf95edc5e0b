import { describe, expect, it } from 'vitest';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();

/** Total jobs in a queue, read through the API (0 when the queue does not exist). */
async function jobsIn(queue: string): Promise<number> {
  const list = await h().ok('queues.list', {});
  const found = list.find((q) => q.name === queue);
  return found ? Object.values(found.counts).reduce((a, b) => a + b, 0) : 0;
}

describe('queues API: bad input gives a clear error and changes nothing', () => {
  it('rejects malformed args JSON, naming the field', async () => {
    const q = freshQueue();
    const e = await h().err('jobs.add', { queue: q, task: 'demo.echo', argsJson: '{"a": 1,' });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^argsJson: not valid JSON/);
    expect(await jobsIn(q)).toBe(0);
  });

  it('rejects a negative delay, an ETA with a delay, and a bad priority', async () => {
    const q = freshQueue();
    const cases: Array<[unknown, RegExp]> = [
      [{ delayMs: -1 }, /options\.delayMs: delay cannot be negative/],
      [{ delayMs: 5, eta: new Date().toISOString() }, /options\.eta: give a delay or an ETA, not both/],
      [{ priority: 0 }, /options\.priority/],
      [{ attempts: 0 }, /options\.attempts/],
      [{ backoff: { type: 'linear', delayMs: 10 } }, /options\.backoff\.type/],
      [{ jobId: 'a:b' }, /options\.jobId: job id cannot contain ":"/],
      [{ eta: 'tomorrow' }, /options\.eta/],
      [{ retries: 3 }, /options: .*retries/],
    ];
    for (const [options, message] of cases) {
      const e = await h().err('jobs.add', { queue: q, task: 't', args: null, options });
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(message);
    }
    const copies = await h().err('jobs.addCopies', {
      queue: q,
      task: 't',
      count: 10,
      options: { delayMs: -5 },
    });
    expect(copies.message).toMatch(/options\.delayMs/);
    expect(await jobsIn(q)).toBe(0);
  });

  it('rejects malformed queue names, tasks, counts and flows', async () => {
    const q = freshQueue();
    expect((await h().err('jobs.add', { queue: 'has space', task: 't' })).message).toMatch(/^queue:/);
    expect((await h().err('jobs.add', { queue: q, task: '   ' })).message).toMatch(/^task:/);
    expect((await h().err('jobs.add', { queue: q, task: 't', args: 1, argsJson: '1' })).message).toMatch(
      /argsJson: give args or argsJson, not both/,
    );
    expect((await h().err('jobs.addCopies', { queue: q, task: 't', count: 0 })).message).toMatch(/^count:/);
    expect((await h().err('jobs.list', { queue: q, state: 'done' })).message).toMatch(/^state:/);
    expect((await h().err('jobs.list', { queue: q, state: 'waiting', limit: -1 })).message).toMatch(
      /^limit:/,
    );
    const flow = { queue: q, kind: 'chain', steps: [{ task: 'a' }, { task: 'b', argsJson: 'nope' }] };
    expect((await h().err('flows.add', flow)).message).toMatch(/^steps\.1\.argsJson: not valid JSON/);
    expect((await h().err('flows.add', { ...flow, kind: 'star' })).message).toMatch(/^kind:/);
    expect(await jobsIn(q)).toBe(0);
  });

  it('answers UNSUPPORTED for kwargs, which BullMQ jobs do not have, enqueuing nothing', async () => {
    const q = freshQueue();
    const kwargs = { retries: 2 };
    expect(await h().err('jobs.add', { queue: q, task: 't', args: [1], kwargs })).toEqual({
      code: 'UNSUPPORTED',
      message: 'the bullmq driver does not support kwargs',
    });
    expect((await h().err('jobs.addCopies', { queue: q, task: 't', count: 5, kwargs })).code).toBe(
      'UNSUPPORTED',
    );
    const steps = [{ task: 'a' }, { task: 'b', kwargs }];
    expect((await h().err('flows.add', { queue: q, kind: 'group', steps })).code).toBe('UNSUPPORTED');
    expect(await jobsIn(q)).toBe(0);
  });

  it('answers NOT_FOUND for an unknown queue or job, creating nothing', async () => {
    const q = freshQueue();
    for (const [method, params] of [
      ['jobs.list', { queue: q, state: 'waiting' }],
      ['jobs.get', { queue: q, id: '1' }],
      ['jobs.retry', { queue: q, id: '1' }],
      ['jobs.remove', { queue: q, id: '1' }],
      ['jobs.promote', { queue: q, id: '1' }],
      ['jobs.retryAll', { queue: q }],
      ['jobs.promoteAll', { queue: q }],
      ['queues.pause', { queue: q }],
      ['queues.resume', { queue: q }],
      ['queues.clean', { queue: q, state: 'completed' }],
      ['queues.drain', { queue: q }],
      ['queues.obliterate', { queue: q }],
      ['queues.workers', { queue: q }],
    ] as const) {
      const e = await h().err(method, params);
      expect(e, method).toEqual({ code: 'NOT_FOUND', message: `queue "${q}" not found under prefix "bull"` });
    }
    await h().ok('jobs.add', { queue: q, task: 't' });
    expect(await h().err('jobs.get', { queue: q, id: '999' })).toEqual({
      code: 'NOT_FOUND',
      message: `job "999" not found in queue "${q}"`,
    });
    expect((await h().ok('queues.list', {})).filter((s) => s.name === q)).toHaveLength(1);
  });

  it('refuses to obliterate a queue with active jobs unless forced, or to remove or retry an active job', async () => {
    const q = freshQueue();
    const { id } = await h().ok('jobs.add', { queue: q, task: 't' });
    // Mark it active the way a worker does, without running one: BullMQ's own move.
    const { Worker } = await import('bullmq');
    const worker = new Worker(q, null, { connection: { port: h().redis.port, maxRetriesPerRequest: null } });
    const job = await worker.getNextJob('token-1');
    expect(job?.id).toBe(id);
    const e = await h().err('queues.obliterate', { queue: q, confirm: 1 });
    expect(e.code).toBe('CONFLICT');
    expect(await h().err('jobs.remove', { queue: q, id })).toMatchObject({ code: 'CONFLICT' });
    expect(await h().err('jobs.retry', { queue: q, id })).toMatchObject({ code: 'CONFLICT' });
    expect(await jobsIn(q)).toBe(1);
    expect(await h().ok('queues.obliterate', { queue: q, force: true, confirm: 1 })).toEqual({
      removedJobs: 1,
    });
    await worker.close();
  });
});
