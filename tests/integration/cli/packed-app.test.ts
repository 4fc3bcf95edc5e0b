import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from '../../helpers/process-alive';
import { descendants, groupRunning, isRunning } from '../../helpers/process-tree';
import { WsApi } from '../../helpers/ws-api';

// QueueDesk as a developer uses it in their own app: the packed tarball installed as a dev dependency,
// `npx queuedesk serve` in the app's folder finding its config and task module.
const ROOT = resolve(import.meta.dirname, '../../..');
const MINUTE = 60_000;
// Ctrl-C or a process manager's SIGTERM must end the app in a second or two; generous for a loaded 2-core CI.
const STOP_WITHIN_MS = 10_000;
let work: string;
let app: string;
let tarball: string;
/** Every npx started, and every process seen under one, for the final clean-up. */
const started: ChildProcess[] = [];
const seen = new Set<number>();

/** The outer `npm test` leaves npm_* variables that would steer the inner npm (prefix, scripts, cwd). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

interface App {
  proc: ChildProcess;
  apiUrl: string;
  output(): string;
}

/** `npx queuedesk serve` in the developer's folder, in a process group of its own as a terminal would start it. */
async function startApp(dataDir: string): Promise<App> {
  const proc = spawn('npx', ['queuedesk', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: app,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(proc);
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  await waitUntil(
    () => /QueueDesk serving at \S+/.test(out) || proc.exitCode !== null,
    MINUTE,
    25,
    () => out,
  );
  const page = new URL(/QueueDesk serving at (\S+)/.exec(out)![1]!);
  const apiUrl = `ws://${page.host}/api?token=${page.searchParams.get('token')}`;
  return { proc, apiUrl, output: () => out };
}

/** The embedded Redis' pid file: which app runs it, and its pid. Removed by a clean stop. */
function embeddedMarker(dataDir: string): string {
  return join(dataDir, 'redis', 'embedded.json');
}

/**
 * Signals npx and times until npx and every process it started (the app, its worker, the embedded Redis and its
 * watchdog: the tree at the signal, plus the pid file's) have gone. Zombies do not count: an orphan is PID 1's to
 * reap, late or never in some containers. Nothing of the group may run either: not a server started meanwhile.
 */
async function stopWithin(
  a: App,
  dataDir: string,
  signal: NodeJS.Signals,
  to: 'npx' | 'group',
): Promise<number> {
  const npx = a.proc.pid!;
  const marker = JSON.parse(readFileSync(embeddedMarker(dataDir), 'utf8')) as {
    appPid: number;
    redisPid: number;
  };
  const pids = [...new Set([npx, ...descendants(npx), marker.appPid, marker.redisPid])];
  for (const pid of pids) seen.add(pid);
  expect(pids.length, 'npx, sh, the app, its worker, Redis and its watchdog').toBeGreaterThanOrEqual(5);
  const left = (): number[] => [...new Set([...pids.filter(isRunning), ...groupRunning(npx)])];
  const since = performance.now();
  process.kill(to === 'npx' ? npx : -npx, signal);
  await waitUntil(
    () => left().length === 0,
    STOP_WITHIN_MS,
    25,
    () => {
      return `still running: ${left()
        .map((pid) => `${pid} ${commandOf(pid)}`)
        .join(', ')}\n${a.output()}`;
    },
  );
  const ms = Math.round(performance.now() - since);
  console.log(`packed app: ${signal} to ${to}: all ${pids.length} processes gone in ${ms} ms`);
  expect(existsSync(embeddedMarker(dataDir)), 'the embedded Redis was stopped by the app').toBe(false);
  return ms;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 80);
  } catch {
    return '?';
  }
}

async function redisOf(api: WsApi): Promise<Redis> {
  const { url } = await api.data<{ url: string }>('connection.status');
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  return client;
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

afterAll(() => {
  // Only the clean-up after a failure: the stop itself is checked, strictly, by the tests below.
  for (const proc of started) {
    for (const pid of [...seen, ...descendants(proc.pid!), ...groupRunning(proc.pid!)]) {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(work, { recursive: true, force: true });
}, 60_000);

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
    "serves the project's config: its task runs on a worker started through the API; a SIGTERM to npx ends it all within 10 s, keeping the data",
    async () => {
      const dataDir = join(work, 'data');
      const served = await startApp(dataDir);
      expect(served.output()).toContain(`Project: ${join(app, 'queuedesk.config.ts')}`);
      const api = await WsApi.open(served.apiUrl);
      let jobId: string;
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
        jobId = id;
        const redis = await redisOf(api);
        await redis.set('myapp:last-write', 'before the stop');
        redis.disconnect();
      } finally {
        api.close();
      }
      // As a process manager or `kill` stops it: npm runs the app through `sh -c`, so the app never gets this
      // signal; it notices that npm is gone.
      await stopWithin(served, dataDir, 'SIGTERM', 'npx');

      const again = await startApp(dataDir);
      const api2 = await WsApi.open(again.apiUrl);
      try {
        const redis = await redisOf(api2);
        expect(await redis.get('myapp:last-write')).toBe('before the stop');
        redis.disconnect();
        expect(await api2.data('jobs.get', { queue: 'mail', prefix: 'myapp', id: jobId })).toMatchObject({
          state: 'completed',
          returnValue: 'welcome sent to ada@example.test',
        });
        await api2.data('workers.start', { queues: ['mail'], concurrency: 2 });
      } finally {
        api2.close();
      }
      // Ctrl-C in a terminal: SIGINT to the whole foreground group (npm, sh, the app and its worker alike).
      await stopWithin(again, dataDir, 'SIGINT', 'group');
    },
    3 * MINUTE,
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
