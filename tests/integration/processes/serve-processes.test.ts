import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInfo, ProcessLogLine } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';

// Runs the built `queuedesk serve` (npm test builds first): children are the built out/main/worker.js and beat.js.
let serve: ServeProcess;
let api: WsApi;

beforeAll(async () => {
  serve = await startServeProcess();
  api = await WsApi.open(serve.apiUrl);
});

afterAll(async () => {
  api?.close();
  if (serve?.proc.exitCode === null) await serve.stop();
});

const isList = (d: unknown): d is ProcessInfo[] => Array.isArray(d);
const logLines = (): ProcessLogLine[] =>
  api.events
    .filter((e) => e.event === 'processes.log')
    .flatMap((e) => (e.data as { lines: ProcessLogLine[] }).lines);

describe('processes in serve mode, over the WebSocket', () => {
  let worker: ProcessInfo;
  let beat: ProcessInfo;

  it('starts a worker and a beat, pushing processes.changed and processes.log', async () => {
    worker = await api.data<ProcessInfo>('workers.start', { queues: ['serve-q'], concurrency: 2 });
    beat = await api.data<ProcessInfo>('beat.start');
    expect(worker.state).toBe('running');
    expect(beat.state).toBe('running');
    await api.waitForEvent(
      'processes.changed',
      (d) => isList(d) && d.some((p) => p.kind === 'beat' && p.leader === true),
    );
    await waitUntil(() =>
      logLines().some((l) => l.processId === worker.id && l.line.startsWith('consuming serve-q')),
    );
  });

  it('reports a crash, restarts the worker with back-off, and says so in the log', async () => {
    process.kill(worker.pid as number, 'SIGKILL');
    const crashed = (await api.waitForEvent(
      'processes.changed',
      (d) => isList(d) && d.some((p) => p.id === worker.id && p.state === 'crashed'),
    )) as ProcessInfo[];
    const info = crashed.find((p) => p.id === worker.id) as ProcessInfo;
    expect(info.lastExit).toMatchObject({ signal: 'SIGKILL' });
    expect(info.restartAt).toBeGreaterThan(info.lastExit?.at as number);
    await api.waitForEvent(
      'processes.changed',
      (d) => isList(d) && d.some((p) => p.id === worker.id && p.state === 'running' && p.restarts === 1),
    );
    expect(
      logLines().some(
        (l) => l.processId === worker.id && l.level === 'error' && /exited unexpectedly/.test(l.line),
      ),
    ).toBe(true);
  });

  it('leaves no child behind when serve stops', async () => {
    const pids = (await api.data<ProcessInfo[]>('processes.list')).map((p) => p.pid as number);
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    expect(await serve.stop('SIGTERM')).toBe(0);
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000);
  });
});
