import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessLogLine, ProjectInfo, TaskList } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from '../worker/helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
const dir = mkdtempSync(join(tmpdir(), 'qd-project-'));
const name = randomQueue();

function writeTasks(greeting: string): void {
  writeFileSync(
    join(dir, 'tasks.ts'),
    `import { shout } from './helpers';
interface Ctx<A> { args: A; attempt: number; log(line: string): Promise<void>; progress(n: number): Promise<void> }
export async function greet(ctx: Ctx<{ name: string }>): Promise<string> {
  await ctx.progress(50);
  await ctx.log('greeting ' + ctx.args.name);
  return shout('${greeting} ' + ctx.args.name);
}
greet.description = 'Greets someone';
export default { 'email.send': (ctx: Ctx<{ to: string }>) => ({ sent: ctx.args.to }) };
`,
  );
}

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, name);
  writeFileSync(join(dir, 'helpers.ts'), `export const shout = (s: string): string => s.toUpperCase();\n`);
  writeTasks('hello');
  writeFileSync(
    join(dir, 'queuedesk.config.ts'),
    `export default { tasks: './tasks.ts', queues: [{ name: '${name}', concurrency: 2 }] };\n`,
  );
});

afterAll(async () => {
  await queue.close();
  await host.close();
  await redis.stop();
});

async function run(task: string, args: unknown): Promise<unknown> {
  const job = await queue.add(task, args);
  const done = await finished(queue, job.id as string);
  if (done.failedReason) throw new Error(done.failedReason);
  return done.returnvalue;
}

describe("the user's TypeScript task module", () => {
  it('is loaded from the project config and listed beside the built-ins', async () => {
    const project = await data<ProjectInfo>(host, 'project.open', { configPath: dir });
    expect(project).toMatchObject({
      configPath: join(dir, 'queuedesk.config.ts'),
      taskModule: join(dir, 'tasks.ts'),
    });
    expect(project.queues).toEqual([{ name, concurrency: 2 }]);
    const list = await data<TaskList>(host, 'tasks.list');
    expect(list.moduleError).toBeUndefined();
    expect(list.tasks.find((t) => t.name === 'greet')).toEqual({
      name: 'greet',
      source: 'module',
      description: 'Greets someone',
    });
    expect(list.tasks.find((t) => t.name === 'email.send')?.source).toBe('module');
    expect(list.tasks.find((t) => t.name === 'demo.sleep')).toMatchObject({
      source: 'builtin',
      example: { ms: 1000 },
    });
  });

  it('runs in a worker process, and an edit is picked up without a restart', async () => {
    const worker = await data<{ id: string; pid: number; concurrency: number }>(host, 'workers.start', {
      queues: [name],
    });
    expect(worker.concurrency).toBe(2); // from the config
    expect(await run('greet', { name: 'ada' })).toBe('HELLO ADA');
    expect(await run('email.send', { to: 'a@b.c' })).toEqual({ sent: 'a@b.c' });

    writeTasks('bonjour');
    await waitUntil(async () => {
      const logs = await data<ProcessLogLine[]>(host, 'processes.logs', { processId: worker.id });
      return logs.some((l) => l.line.startsWith('task module reloaded'));
    }, 10_000);
    expect(await run('greet', { name: 'ada' })).toBe('BONJOUR ADA');
    const same = await data<Array<{ pid: number }>>(host, 'workers.list');
    expect(same[0]?.pid).toBe(worker.pid);
  });

  it('keeps the last good handlers when an edit does not compile', async () => {
    writeFileSync(join(dir, 'tasks.ts'), 'export const greet = (ctx => {;\n');
    await waitUntil(async () => {
      const logs = await data<ProcessLogLine[]>(host, 'processes.logs', {});
      return logs.some((l) => l.level === 'error' && l.line.startsWith('task module not reloaded'));
    }, 10_000);
    expect(await run('greet', { name: 'bob' })).toBe('BONJOUR BOB');
  });

  it('logs from a handler reach the job and the process log', async () => {
    const logs = await data<ProcessLogLine[]>(host, 'processes.logs', {});
    expect(logs.some((l) => l.line === 'greeting ada' && l.queue === name)).toBe(true);
  });

  it('an edit that adds a task reaches tasks.list and is pushed as tasks.changed', async () => {
    const pushed: TaskList[] = [];
    const off = host.onEvent(
      (event, payload) => event === 'tasks.changed' && pushed.push(payload as TaskList),
    );
    writeFileSync(join(dir, 'tasks.ts'), 'export const farewell = () => "bye";\n');
    await waitUntil(() => pushed.some((l) => l.tasks.some((t) => t.name === 'farewell')), 10_000);
    off();
    const list = await data<TaskList>(host, 'tasks.list');
    expect(list.moduleError).toBeUndefined();
    expect(list.tasks.filter((t) => t.source === 'module').map((t) => t.name)).toEqual(['farewell']);
  });

  it('refuses a config that does not validate, naming the field', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'qd-bad-'));
    writeFileSync(
      join(bad, 'queuedesk.config.json'),
      JSON.stringify({ queues: [{ name: 'a', concurrency: 0 }] }),
    );
    const r = await host.call('project.open', { configPath: bad });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!r.ok && r.error.message).toMatch(/queues\.0\.concurrency: /);
  });

  it('closing the project restarts running workers without its module', async () => {
    const [before] = await data<Array<{ pid: number }>>(host, 'workers.list');
    await data(host, 'project.close');
    await waitUntil(async () => {
      const [w] = await data<Array<{ pid: number; state: string }>>(host, 'workers.list');
      return w?.state === 'running' && w.pid !== before?.pid;
    }, 15_000);
    const job = await queue.add('farewell', null);
    expect((await finished(queue, job.id as string)).failedReason).toBe('no handler for task farewell');
  });
});
