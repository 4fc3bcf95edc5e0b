import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskRegistry } from '../../../src/core/tasks/registry';
import type { TaskContext } from '../../../src/core/tasks/types';

const BUILTINS = ['cache.set', 'demo.echo', 'demo.fail', 'demo.progress', 'demo.sleep', 'http.request'];

function ctx(args: unknown, attempt = 1): TaskContext {
  return {
    args,
    attempt,
    jobId: '1',
    queue: 'q',
    task: 't',
    progress: async () => undefined,
    log: async () => undefined,
    signal: new AbortController().signal,
    previous: undefined,
    childResults: [],
  };
}

describe('task registry', () => {
  it('lists the built-ins with a JSON schema and an example of their args', () => {
    const list = new TaskRegistry().list();
    expect(list.tasks.map((t) => t.name)).toEqual(BUILTINS);
    const sleep = list.tasks.find((t) => t.name === 'demo.sleep');
    expect(sleep).toMatchObject({ source: 'builtin', example: { ms: 1000 } });
    expect(sleep?.argsSchema).toMatchObject({
      type: 'object',
      required: ['ms'],
      properties: { ms: { type: 'integer' } },
    });
    expect(list.module).toBeNull();
  });

  it('demo.fail fails the first N attempts, then succeeds', async () => {
    const fail = new TaskRegistry().get('demo.fail');
    const services = {} as never;
    await expect(async () => fail?.run(ctx({ failures: 2 }, 2), services)).rejects.toThrow(
      'demo.fail: attempt 2 of 2 planned failures',
    );
    expect(await fail?.run(ctx({ failures: 2 }, 3), services)).toEqual({ succeededOnAttempt: 3 });
    await expect(async () => fail?.run(ctx({ failures: -1 }), services)).rejects.toThrow(
      /^demo\.fail: args\.failures: /,
    );
  });

  it('demo.sleep ends early when the job is aborted', async () => {
    const abort = new AbortController();
    const run = new TaskRegistry()
      .get('demo.sleep')
      ?.run({ ...ctx({ ms: 60_000 }), signal: abort.signal }, {} as never);
    abort.abort(new Error('worker closing'));
    await expect(run).rejects.toThrow('worker closing');
  });

  it("loads a module's named and default-object exports; the module wins over a built-in of the same name", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-reg-'));
    const file = join(dir, 'tasks.js');
    writeFileSync(
      file,
      `export function hello({ args }) { return 'hi ' + args; }\nexport const notATask = 3;\nexport default { 'demo.echo': () => 'mine' };\n`,
    );
    const registry = new TaskRegistry(file);
    expect(await registry.load()).toBeUndefined();
    expect(await registry.get('hello')?.run(ctx('you'), {} as never)).toBe('hi you');
    expect(await registry.get('demo.echo')?.run(ctx(1), {} as never)).toBe('mine');
    expect(registry.get('notATask')).toBeUndefined();
    expect(registry.list().tasks.find((t) => t.name === 'demo.echo')?.source).toBe('module');

    writeFileSync(file, 'export const hello = (;');
    expect(await registry.load()).toMatch(/tasks\.js/);
    expect(registry.list().moduleError).toBeDefined();
    expect(await registry.get('hello')?.run(ctx('still'), {} as never)).toBe('hi still'); // the last good version
  });

  it('reports a missing module without losing the built-ins', async () => {
    const registry = new TaskRegistry('/nonexistent/tasks.ts');
    expect(await registry.load()).toMatch(/task module not found: \/nonexistent\/tasks\.ts/);
    expect(registry.list().tasks.map((t) => t.name)).toEqual(BUILTINS);
  });
});
