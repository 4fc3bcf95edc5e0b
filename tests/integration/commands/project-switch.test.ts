import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';
import { waitForCommand, writeProject } from './helpers';

describe('project commands follow the open project', () => {
  it('autostart runs a command on open; another config keeps shared ids, stops the rest; close stops all', async () => {
    const serve = await startServeProcess();
    const api = await WsApi.open(serve.apiUrl);
    try {
      const sleep = (id: string, autostart: boolean) => ({ id, command: ['sleep', '600'], autostart });
      await api.data('project.open', {
        configPath: writeProject([sleep('kept', true), sleep('dropped', true)]),
      });
      const kept = await waitForCommand(api, 'kept', (p) => p.state === 'running');
      const dropped = await waitForCommand(api, 'dropped', (p) => p.state === 'running');

      await api.data('project.open', {
        configPath: writeProject([sleep('kept', false), sleep('added', false)]),
      });
      const list = await api.data<ProcessInfo[]>('commands.list');
      expect(list.map((p) => [p.id, p.state, p.pid])).toEqual([
        ['kept', 'running', kept.pid],
        ['added', 'stopped', null],
      ]);
      await waitUntil(() => !isAlive(dropped.pid as number));

      await api.data('project.close');
      expect(await api.data<ProcessInfo[]>('commands.list')).toEqual([]);
      await waitUntil(() => !isAlive(kept.pid as number));
      const bad = await api.call('project.open', {
        configPath: writeProject([{ id: 'piped', command: 'celery worker | tee log' }]),
      });
      expect(bad.error?.message).toMatch(/commands\.piped: "\|" needs a shell/);
      expect(await api.data<ProcessInfo[]>('commands.list')).toEqual([]);
    } finally {
      api.close();
      await serve.stop('SIGTERM');
    }
  }, 30_000);
});
