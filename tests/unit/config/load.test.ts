import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findConfigFile, loadConfig } from '../../../src/core/config/load';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qd-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('project config', () => {
  it('loads the example project (TypeScript) with defaults applied and paths resolved', async () => {
    const loaded = await loadConfig(resolve('resources/example'));
    expect(loaded.path).toBe(resolve('resources/example/queuedesk.config.ts'));
    expect(loaded.taskModule).toBe(resolve('resources/example/tasks.ts'));
    expect(loaded.config.prefix).toBe('bull');
    expect(loaded.config.queues).toEqual([
      { name: 'emails', concurrency: 5 },
      { name: 'reports', concurrency: 2 },
    ]);
    expect(loaded.config.schedules.map((s) => s.id)).toEqual(['example-heartbeat', 'example-morning-report']);
  });

  it('reads .js (ESM) and .json, and a queue given as a bare name gets the default concurrency', async () => {
    const js = project({ 'queuedesk.config.mjs': `export default { prefix: 'app', queues: ['a'] };` });
    expect((await loadConfig(js)).config).toMatchObject({
      prefix: 'app',
      queues: [{ name: 'a', concurrency: 5 }],
    });
    const json = project({
      'queuedesk.config.json': JSON.stringify({ queues: [{ name: 'b', concurrency: 9 }] }),
    });
    expect((await loadConfig(json)).config.queues).toEqual([{ name: 'b', concurrency: 9 }]);
  });

  it('takes a cluster or Sentinel connection shaped as connection.connect takes it, mode included', async () => {
    const cluster = { mode: 'cluster', nodes: ['10.0.0.1:7000'], password: 'pw', tls: true };
    const sentinel = { mode: 'sentinel', sentinels: ['s:26379'], name: 'main', sentinelPassword: 'x', db: 1 };
    for (const connection of [cluster, sentinel, { mode: 'url', url: 'redis://h:1' }]) {
      const dir = project({ 'queuedesk.config.json': JSON.stringify({ connection }) });
      expect((await loadConfig(dir)).config.connection).toEqual(connection);
    }
    const url = project({ 'queuedesk.config.json': '{"connection": {"url": "redis://h:1"}}' });
    expect((await loadConfig(url)).config.connection).toEqual({ mode: 'url', url: 'redis://h:1' });
  });

  it('prefers the TypeScript file when a folder holds several', () => {
    const dir = project({ 'queuedesk.config.json': '{}', 'queuedesk.config.ts': 'export default {};' });
    expect(findConfigFile(dir)).toBe(join(dir, 'queuedesk.config.ts'));
  });

  it('says which file and which field is wrong', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'queuedesk.config.json': '{"queues": [{"name": "a b"}]}' }, /queues\.0(\.name)?: /],
      [
        {
          'queuedesk.config.json': '{"schedules": [{"task": "x", "queue": "q", "trigger": {"every": 1000}}]}',
        },
        /schedules\.0\.id: /,
      ],
      [{ 'queuedesk.config.json': '{"tasks": "./missing.ts"}' }, /tasks: file not found: .*missing\.ts/],
      [{ 'queuedesk.config.json': '{"colour": "blue"}' }, /Unrecognized key.*colour/],
      [{ 'queuedesk.config.json': '{ nope' }, /queuedesk\.config\.json: .*JSON/],
      [
        { 'queuedesk.config.ts': 'export default { connection: { url: "http://x" } };' },
        /connection\.url: must start with redis:\/\//,
      ],
      [{ 'queuedesk.config.json': '{"connection": {"nodes": ["h:1"]}}' }, /connection\.mode: .*'cluster'/],
      [
        { 'queuedesk.config.json': '{"connection": {"mode": "cluster", "nodes": ["h"]}}' },
        /connection\.nodes\.0: must be host:port$/,
      ],
      [
        { 'queuedesk.config.json': '{"connection": {"mode": "sentinel", "sentinels": ["h:1"]}}' },
        /connection\.name: /,
      ],
    ];
    for (const [files, message] of cases) await expect(loadConfig(project(files))).rejects.toThrow(message);
    await expect(loadConfig(project({}))).rejects.toThrow(/no queuedesk\.config\.ts/);
  });
});
