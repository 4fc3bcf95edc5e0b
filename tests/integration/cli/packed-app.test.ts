import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitUntil } from '../../helpers/process-alive';
import { WsApi } from '../../helpers/ws-api';

// QueueDesk as a developer uses it in their own app: the packed tarball installed as a dev dependency,
// `npx queuedesk serve` in the app's folder finding its config and task module.
const ROOT = resolve(import.meta.dirname, '../../..');
const MINUTE = 60_000;
let work: string;
let app: string;
let serve: ChildProcess | undefined;
let tarball: string;

/** The outer `npm test` leaves npm_* variables that would steer the inner npm (prefix, scripts, cwd). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

/** Whether any process of the group is left (signal 0 checks without touching it). */
function groupAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qd-pack-'));
  // `npm test` built out/ already; prepack's rebuild would empty it under the other tests that run
  // bin/queuedesk.js at the same time (a worker CLI test once found no out/main/cli.js).
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('run `npm run build` first');
  npm(['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], ROOT);
  const made = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!made) throw new Error(`npm pack made no tarball in ${work}`);
  tarball = join(work, made);
  app = join(work, 'myapp');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'myapp', private: true, type: 'module' }));
  writeFileSync(
    join(app, 'queuedesk.config.ts'),
    `export default { prefix: 'myapp', tasks: './tasks.ts', queues: [{ name: 'mail', concurrency: 2 }] };\n`,
  );
  writeFileSync(
    join(app, 'tasks.ts'),
    `export async function welcome(ctx: { args: { to: string } }): Promise<string> {\n` +
      `  return 'welcome sent to ' + ctx.args.to;\n}\n`,
  );
  npm(['install', '--save-dev', tarball, '--no-audit', '--no-fund', '--prefer-offline'], app);
}, 5 * MINUTE);

afterAll(async () => {
  // npx runs the app as a child of its own: signal the whole group, and wait until none of it is left (the app
  // then stops its embedded Redis and worker), or the app outlives the test.
  if (serve?.pid) {
    const group = -serve.pid;
    try {
      process.kill(group, 'SIGTERM');
      await waitUntil(() => !groupAlive(group), 30_000, 100);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('npx queuedesk in a developer project', () => {
  it('packs only the built app, no tests or benchmarks', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
    const paths = listing
      .split('\n')
      .filter(Boolean)
      .map((p) => p.replace(/^package\//, ''));
    expect(paths).toContain('out/main/cli.js');
    expect(paths).toContain('out/renderer/index.html');
    expect(paths).toContain('bin/queuedesk.js');
    expect(paths.filter((p) => /^(tests|bench|src)\//.test(p))).toEqual([]);
  });

  it(
    "serves the project's config: its task runs on a worker started through the API",
    async () => {
      const proc = spawn('npx', ['queuedesk', 'serve', '--port', '0', '--data-dir', join(work, 'data')], {
        cwd: app,
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // its own process group, so the test can stop npx and the app together
      });
      serve = proc;
      let out = '';
      proc.stdout?.on('data', (d) => (out += d));
      proc.stderr?.on('data', (d) => (out += d));
      await waitUntil(() => /QueueDesk serving at \S+/.test(out) || proc.exitCode !== null, MINUTE);
      expect(out).toContain(`Project: ${join(app, 'queuedesk.config.ts')}`);
      const page = new URL(/QueueDesk serving at (\S+)/.exec(out)![1]!);
      const api = await WsApi.open(`ws://${page.host}/api?token=${page.searchParams.get('token')}`);
      try {
        const tasks = await api.data<{ tasks: Array<{ name: string; source: string }> }>('tasks.list');
        expect(tasks.tasks.map((t) => t.name)).toContain('welcome');
        await api.data('workers.start', { queues: ['mail'], concurrency: 2 });
        const { id } = await api.data<{ id: string }>('jobs.add', {
          queue: 'mail',
          prefix: 'myapp',
          task: 'welcome',
          args: { to: 'ada@example.test' },
        });
        let job: { state: string; returnValue?: unknown } = { state: 'waiting' };
        await waitUntil(async () => {
          job = await api.data('jobs.get', { queue: 'mail', prefix: 'myapp', id });
          return job.state === 'completed' || job.state === 'failed';
        }, 30_000);
        expect(job).toMatchObject({ state: 'completed', returnValue: 'welcome sent to ada@example.test' });
      } finally {
        api.close();
      }
    },
    2 * MINUTE,
  );

  it(
    'npx queuedesk --help lists the commands, and worker/beat find the config in the folder',
    () => {
      const help = execFileSync('npx', ['queuedesk', '--help'], {
        cwd: app,
        env: cleanEnv(),
        encoding: 'utf8',
      });
      for (const command of ['open', 'serve', 'worker', 'beat'])
        expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
      const worker = execFileSync('npx', ['queuedesk', 'worker', '--help'], {
        cwd: app,
        env: cleanEnv(),
        encoding: 'utf8',
      });
      expect(worker).toContain('--concurrency');
    },
    MINUTE,
  );
});
