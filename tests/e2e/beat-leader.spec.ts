import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkersEverywhere } from '../../src/shared/contract';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { uniqueQueue } from './queues-helpers';

const ROOT = resolve(import.meta.dirname, '../..');

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

// Two machines, simulated by processes with their own QUEUEDESK_HOST_NAME: each runs `queuedesk worker` and
// `queuedesk beat` against the app's Redis.
test('the Processes panel names the beat leader with its host, the standby, and both hosts’ workers', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const queue = uniqueQueue('hosts');
  const url = (await ws.data<{ url: string }>('connection.status')).url;
  const config = mkdtempSync(join(tmpdir(), 'qd-e2e-hosts-'));
  writeFileSync(
    join(config, 'queuedesk.config.json'),
    JSON.stringify({ queues: [{ name: queue, concurrency: 1 }] }),
  );
  const children: ChildProcess[] = [];
  const run = (host: string, command: 'worker' | 'beat'): ChildProcess => {
    const args = [join(ROOT, 'bin/queuedesk.js'), command, '--config', config, '--redis', url];
    if (command === 'beat') args.push('--lock-ttl', '1500');
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, QUEUEDESK_HOST_NAME: host },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  try {
    // The app's own beat, if an earlier test started it, stays out of this.
    const processes = await ws.data<Array<{ kind: string; state: string }>>('processes.list');
    if (processes.some((p) => p.kind === 'beat' && p.state !== 'stopped')) await ws.data('beat.stop');
    run('rack-a', 'worker');
    run('rack-b', 'worker');
    const first = run('rack-a', 'beat');
    await expect
      .poll(
        async () => {
          const w = await ws.data<WorkersEverywhere>('workers.everywhere', { prefix: 'bull' });
          return w.presences
            .filter((p) => p.queues.includes(queue))
            .map((p) => p.host)
            .sort();
        },
        { timeout: 20_000 },
      )
      .toEqual(['rack-a', 'rack-b']);

    await app.getByTestId('nav-processes').click();
    const leader = app.getByTestId('beat-leader-host');
    await expect(leader).toHaveText(`rack-a (pid ${first.pid}, queuedesk beat)`, { timeout: 10_000 });
    // This app runs no beat of its own: it says who fires the schedules instead.
    await expect(app.getByTestId('beat-card')).toContainText('The beat on rack-a fires them');
    const second = run('rack-b', 'beat');
    await expect(app.getByTestId('beat-standby')).toHaveText(`rack-b (pid ${second.pid}, queuedesk beat)`, {
      timeout: 10_000,
    });
    const everywhere = app.getByTestId('everywhere-card');
    await expect(everywhere.getByTestId('everywhere-hosts')).toContainText('rack-a', {
      timeout: 20_000,
    });
    await expect(everywhere.getByTestId('everywhere-hosts')).toContainText('rack-b');
    await app.getByTestId('beat-card').scrollIntoViewIfNeeded();
    await screenshot(app, 'beat-leader');
    await screenshot(app, 'beat-leader', 'dark');

    // The leader's machine goes away without a word: the standby takes the lock once it expires, and says so.
    first.kill('SIGKILL');
    await expect(leader).toHaveText(`rack-b (pid ${second.pid}, queuedesk beat)`, { timeout: 8000 });
    await screenshot(app, 'beat-leader-after-failover');
  } finally {
    // SIGTERM: each takes its announcement with it, leaving nothing for the next test on this Redis.
    await Promise.all(children.map(stopped));
    redis.disconnect();
    ws.ws.close();
  }
});
