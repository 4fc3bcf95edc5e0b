import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { descendants } from '../../helpers/process-tree';
import { startServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';
import { waitForCommand, waitForLog, writeProject } from './helpers';

describe('project commands that crash, and an app that dies', () => {
  it('a command that exits at once is restarted with growing back-off and shown as crashed', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      const configPath = writeProject([
        { id: 'flaky', command: `sh -c 'echo "boom $WHO"; exit 3'`, env: { WHO: 'here' } },
      ]);
      await api.data('project.open', { configPath });
      await api.data('commands.start', { id: 'flaky' });
      const line = await waitForLog(api, 'flaky', /boom/);
      expect(line).toMatchObject({ line: 'boom here', stream: 'stdout' });
      const delays: number[] = [];
      for (let restarts = 0; restarts < 3; restarts++) {
        const p = await waitForCommand(api, 'flaky', (x) => x.state === 'crashed' && x.restarts === restarts);
        expect(p.lastExit).toMatchObject({ code: 3, signal: null });
        delays.push((p.restartAt as number) - (p.lastExit?.at as number));
      }
      expect(delays).toEqual([500, 1000, 2000]);
      const stopped = await api.data<ProcessInfo>('commands.stop', { id: 'flaky' });
      expect(stopped.state).toBe('stopped');
      expect(stopped.restartAt).toBeUndefined();
      const bad = await api.call('commands.start', { id: 'worker-1' });
      expect(bad.error?.code).toBe('NOT_FOUND');
    } finally {
      api.close();
      await serve.stop('SIGTERM');
    }
  }, 40_000);

  it('a command that cannot be spawned says why and waits for its restart like a crash', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      const configPath = writeProject([
        { id: 'missing', command: 'no-such-program-qd --flag' },
        { id: 'empty', command: [''] },
      ]);
      await api.data('project.open', { configPath });
      for (const id of ['missing', 'empty']) {
        const p = await api.data<ProcessInfo>('commands.start', { id });
        expect(p).toMatchObject({ state: 'crashed', pid: null, lastExit: { code: null, signal: null } });
        await api.data('commands.stop', { id });
      }
      await waitForLog(api, 'missing', /cannot start no-such-program-qd: spawn no-such-program-qd ENOENT/);
      await waitForLog(api, 'empty', /cannot start: .*argument 'file' cannot be empty/);
    } finally {
      api.close();
      await serve.stop('SIGTERM');
    }
  }, 30_000);

  // Ignores SIGTERM (and so does its background child, SIG_IGN is inherited): only the SIGKILL after the grace ends it.
  const stubborn = (id: string) => ({
    id,
    command: ['sh', '-c', 'trap "" TERM; sleep 600 & sleep 601'],
    stopGraceMs: 1000,
  });

  it('a command that ignores SIGTERM is SIGKILLed, with its group, after its grace', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      await api.data('project.open', { configPath: writeProject([stubborn('stubborn')]) });
      const { pid } = await api.data<ProcessInfo>('commands.start', { id: 'stubborn' });
      await waitUntil(() => descendants(pid as number).length >= 2);
      const tree = [pid as number, ...descendants(pid as number)];
      const stopped = await api.data<ProcessInfo>('commands.stop', { id: 'stubborn' });
      expect(stopped).toMatchObject({ state: 'stopped', lastExit: { code: null, signal: 'SIGKILL' } });
      await waitUntil(() => tree.every((p) => !isAlive(p))); // killed group members linger as zombies a moment
      await waitForLog(api, 'stubborn', /did not stop within 1000 ms: killed/);
    } finally {
      api.close();
      await serve.stop('SIGTERM');
    }
  }, 30_000);

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`no process a command started outlives a ${signal}ed serve, not even one ignoring SIGTERM`, async () => {
      const serve = await startServeProcess();
      const api = await WsApi.open(serve.apiUrl);
      try {
        await api.data('project.open', { configPath: writeProject([stubborn('sleeper')]) });
        const { pid } = await api.data<ProcessInfo>('commands.start', { id: 'sleeper' });
        await waitUntil(() => descendants(pid as number).length >= 2);
        // Everything below serve: the command's group and its watchdog too.
        const tree = descendants(serve.proc.pid as number);
        expect(tree).toEqual(expect.arrayContaining([pid, ...descendants(pid as number)]));
        await serve.stop(signal);
        await waitUntil(() => tree.every((p) => !isAlive(p)), 8000, 100);
      } finally {
        api.close();
      }
    }, 30_000);
  }
});
