import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ProcessInfo, ProcessLogLine } from '../../../src/shared/contract';
import type { WsApi } from '../../helpers/ws-api';

export const CELERY_FIXTURES = resolve(import.meta.dirname, '../../fixtures/celery');

/** A project folder whose queuedesk.config.json names `commands`; returns the config's path. */
export function writeProject(commands: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'qd-cmd-'));
  const path = join(dir, 'queuedesk.config.json');
  writeFileSync(path, JSON.stringify({ commands }));
  return path;
}

/** The configured real Celery worker of the tests: prefork, one pool child, on the fixtures' module. */
export function celeryCommand(redisUrl: string, id = 'celery-worker'): Record<string, unknown> {
  return {
    id,
    command: `/usr/bin/python3 -m celery -A qd_tasks worker -P prefork -c 1 -n ${id}@qd --without-mingle --without-gossip -l info`,
    cwd: CELERY_FIXTURES,
    env: { QD_REDIS_URL: redisUrl, PYTHONUNBUFFERED: '1' },
  };
}

/** The next processes.changed event in which process `id` matches. */
export async function waitForCommand(
  api: WsApi,
  id: string,
  match: (p: ProcessInfo) => boolean,
  timeoutMs = 20_000,
): Promise<ProcessInfo> {
  const list = (await api.waitForEvent(
    'processes.changed',
    (d) => (d as ProcessInfo[]).some((p) => p.id === id && match(p)),
    timeoutMs,
  )) as ProcessInfo[];
  return list.find((p) => p.id === id) as ProcessInfo;
}

/** Resolves with the first log line of `id` logged after `after` (from the processes.log events) that matches. */
export async function waitForLog(
  api: WsApi,
  id: string,
  re: RegExp,
  after = 0,
  timeoutMs = 30_000,
): Promise<ProcessLogLine> {
  const pick = (d: unknown): ProcessLogLine | undefined =>
    (d as { lines: ProcessLogLine[] }).lines.find(
      (l) => l.processId === id && l.ts > after && re.test(l.line),
    );
  return pick(
    await api.waitForEvent('processes.log', (d) => pick(d) !== undefined, timeoutMs),
  ) as ProcessLogLine;
}
