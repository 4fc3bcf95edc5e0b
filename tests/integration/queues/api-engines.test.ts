import { describe, expect, it } from 'vitest';
import { useApiHost } from './api-host';

const api = useApiHost();

describe('queues API across engines', () => {
  it('lists the queues of every engine on the connection, each row naming its engine', async () => {
    await api().ok('jobs.add', { queue: 'bull-q', task: 't', args: { a: 1 } });
    await api().ok('jobs.add', { engine: 'celery', queue: 'celery-q', task: 'qd.add', args: [1, 2] });
    const rows = await api().ok('queues.list', {});
    expect(rows.map((r) => [r.engine, r.name]).sort()).toEqual([
      ['bullmq', 'bull-q'],
      ['celery', 'celery-q'],
    ]);
    expect((await api().ok('queues.list', { engine: 'celery' })).map((r) => r.name)).toEqual(['celery-q']);
    expect((await api().ok('queues.list', { engine: 'bullmq' })).map((r) => r.name)).toEqual(['bull-q']);
    const celeryRow = rows.find((r) => r.engine === 'celery');
    expect(celeryRow?.counts).toMatchObject({ waiting: 1, completed: null, failed: null, paused: null });
    expect(celeryRow?.workers).toBeNull();
  });

  it("reports each engine's capabilities, and what an engine lacks answers UNSUPPORTED", async () => {
    const engines = await api().ok('queues.engines', {});
    const byName = new Map(engines.map((e) => [e.engine, e]));
    expect(byName.get('bullmq')).toMatchObject({
      exactCounts: true,
      actions: { pause: true, revoke: false },
    });
    expect(byName.get('celery')).toMatchObject({
      exactCounts: false,
      states: ['waiting', 'active', 'delayed'],
      actions: { pause: false, revoke: true, retry: true },
      options: { kwargs: true, attempts: false },
    });
    await api().ok('jobs.add', { engine: 'celery', queue: 'c2', task: 'qd.add', args: [1, 2] });
    const ref = { engine: 'celery', queue: 'c2' } as const;
    expect((await api().err('queues.pause', ref)).code).toBe('UNSUPPORTED');
    expect((await api().err('jobs.list', { ...ref, state: 'completed' })).code).toBe('UNSUPPORTED');
    expect(
      (await api().err('jobs.add', { ...ref, task: 't', args: [], options: { attempts: 3 } })).code,
    ).toBe('UNSUPPORTED');
    expect((await api().err('jobs.revoke', { queue: 'bull-q', id: '1' })).code).toBe('UNSUPPORTED');
    expect(
      (await api().err('jobs.add', { queue: 'bull-q', task: 't', args: [], link: [{ task: 'x' }] })).code,
    ).toBe('UNSUPPORTED');
    expect((await api().err('tasks.list', { engine: 'bullmq', queue: 'x', extra: 1 })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await api().err('queues.list', { engine: 'rq' })).code).toBe('INVALID_INPUT');
  });
});
