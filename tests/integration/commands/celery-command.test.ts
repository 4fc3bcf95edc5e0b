import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessInfo, ProcessLogLine } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { descendants } from '../../helpers/process-tree';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';
import { celeryCommand, waitForCommand, waitForLog, writeProject } from './helpers';

const ID = 'celery-worker';

describe('a configured Celery worker command, run by QueueDesk', () => {
  let redis: TestRedis;
  let serve: ServeProcess;
  let api: WsApi;
  beforeEach(async () => {
    redis = await startTestRedis();
    serve = await startServeProcess(['--redis', redis.url]);
    api = await WsApi.open(serve.apiUrl);
  });
  afterEach(async () => {
    api.close();
    await serve.stop('SIGTERM');
    await redis.stop();
  });

  it('starts from the API, logs, is restarted after kill -9 with a new pid, then stops', async () => {
    const configPath = writeProject([celeryCommand(redis.url)]);
    const project = await api.data<{ commands: string[] }>('project.open', { configPath });
    expect(project.commands).toEqual([ID]);
    const listed = await api.data<ProcessInfo[]>('commands.list');
    expect(listed).toMatchObject([{ id: ID, kind: 'command', state: 'stopped', pid: null }]);
    expect(listed[0]?.command?.argv.slice(0, 5)).toEqual([
      '/usr/bin/python3',
      '-m',
      'celery',
      '-A',
      'qd_tasks',
    ]);

    const started = await api.data<ProcessInfo>('commands.start', { id: ID });
    expect(started).toMatchObject({ state: 'running', restarts: 0 });
    const first = started.pid as number;
    const ready = await waitForLog(api, ID, /celery-worker@qd ready/);
    expect(ready.stream).toBe('stderr'); // Celery logs to stderr; the level comes from the line
    expect(ready.level).toBe('info');
    const fromApi = await api.data<ProcessLogLine[]>('processes.logs', { processId: ID });
    expect(fromApi.some((l) => /ready/.test(l.line))).toBe(true);
    await waitUntil(() => descendants(first).length >= 1); // the prefork pool child
    const pool = descendants(first);

    process.kill(first, 'SIGKILL');
    const crashed = await waitForCommand(api, ID, (p) => p.state === 'crashed');
    expect(crashed.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    await waitUntil(() => pool.every((pid) => !isAlive(pid))); // its orphaned pool went with it
    const again = await waitForCommand(api, ID, (p) => p.state === 'running' && p.pid !== first);
    expect(again.restarts).toBe(1);
    await waitForLog(api, ID, /celery-worker@qd ready/, crashed.lastExit?.at);

    const second = again.pid as number;
    const tree = [second, ...descendants(second)];
    const stopped = await api.data<ProcessInfo>('commands.stop', { id: ID });
    expect(stopped).toMatchObject({ state: 'stopped', pid: null, restarts: 1 });
    expect(stopped.lastExit?.code).toBe(0); // warm shutdown on SIGTERM
    await waitUntil(() => tree.every((p) => !isAlive(p)));
    expect((await api.data<ProcessInfo[]>('processes.list')).find((p) => p.id === ID)?.state).toBe('stopped');
  }, 90_000);
});
