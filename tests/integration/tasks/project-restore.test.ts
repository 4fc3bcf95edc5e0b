import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../../../src/core/host';
import type { ProjectInfo, Schedule, TaskList } from '../../../src/shared/contract';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { data } from '../worker/helpers';

let redis: TestRedis;
const dataDir = mkdtempSync(join(tmpdir(), 'qd-data-'));
const project = mkdtempSync(join(tmpdir(), 'qd-project-'));

beforeAll(async () => {
  redis = await startTestRedis();
  writeFileSync(join(project, 'jobs.mjs'), 'export const ping = () => "pong";\n');
  writeFileSync(
    join(project, 'queuedesk.config.json'),
    JSON.stringify({
      tasks: './jobs.mjs',
      schedules: [
        { id: 'nightly', task: 'ping', queue: 'default', trigger: { cron: '0 3 * * *', tz: 'UTC' } },
      ],
    }),
  );
});

afterAll(async () => {
  await redis.stop();
});

async function host(): Promise<CoreHost> {
  const h = new CoreHost({ dataDir });
  await data(h, 'connection.connect', { mode: 'url', url: redis.url });
  return h;
}

describe('the open project', () => {
  it('upserts its schedules into beat and is reopened when the app starts again', async () => {
    const first = await host();
    await data(first, 'project.open', { configPath: join(project, 'queuedesk.config.json') });
    const [nightly] = await data<Schedule[]>(first, 'beat.list');
    expect(nightly).toMatchObject({ id: 'nightly', source: 'config', task: 'ping' });
    expect(new Date(nightly?.nextRunAt as number).toISOString()).toMatch(/T03:00:00\.000Z$/);
    await first.close();

    const second = await host();
    expect((await data<ProjectInfo>(second, 'project.get')).configPath).toBe(
      join(project, 'queuedesk.config.json'),
    );
    expect((await data<TaskList>(second, 'tasks.list')).tasks.some((t) => t.name === 'ping')).toBe(true);
    expect((await data<ProjectInfo>(second, 'project.close')).configPath).toBeNull();
    await second.close();

    const third = await host();
    expect((await data<ProjectInfo>(third, 'project.get')).configPath).toBeNull();
    await third.close();
  });

  it('starts without a project when the remembered one is gone', async () => {
    const first = await host();
    await data(first, 'project.open', { configPath: project });
    await first.close();
    rmSync(project, { recursive: true });
    const second = await host();
    expect(await data<ProjectInfo>(second, 'project.get')).toMatchObject({
      configPath: null,
      prefix: 'bull',
    });
    await second.close();
  });
});
