import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { ScheduleStore } from '../../../src/core/beat/store';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { ticks } from '../beat/helpers';
import { cli } from './cli-process';
import { finished, randomQueue } from './helpers';

// One password-protected cluster for the file: the CLI gets the password from REDIS_PASSWORD, never a flag.
const PASSWORD = 'cli-cluster-secret';
const ENV = { REDIS_PASSWORD: PASSWORD };
const PREFIX = '{bull}';
let cluster: TestCluster;
let app: Cluster;

beforeAll(async () => {
  cluster = await startTestCluster(3, 0, PASSWORD);
  const [host, port] = cluster.nodes[0]!.split(':');
  // The app's own client, as a BullMQ app on a cluster makes one.
  app = new Cluster([{ host: host!, port: Number(port) }], {
    redisOptions: { password: PASSWORD, maxRetriesPerRequest: null },
  });
}, 60_000);

afterAll(async () => {
  app?.disconnect();
  await cluster?.stop();
});

/** A project folder with the example's tasks and a config of `config`'s fields. */
function project(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'qd-cli-cluster-'));
  const tasks = resolve('resources/example/tasks.ts');
  writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ prefix: PREFIX, tasks, ...config }));
  return dir;
}

describe('queuedesk worker --cluster', () => {
  it('completes a job a plain BullMQ Queue added under {bull} on the cluster', async () => {
    const name = randomQueue();
    const queue = new Queue(name, { connection: app, prefix: PREFIX });
    const worker = cli(
      ['worker', '--config', project({ queues: [name] }), '--cluster', cluster.nodes[2]!],
      ENV,
    );
    try {
      await waitUntil(() => worker.output().includes(`consuming ${name}`), 20_000, 25, worker.output);
      expect(worker.output()).toContain(`→ redis-cluster://${cluster.nodes[2]}`);
      const sent = await queue.add('email.send', { to: 'ada@example.test' });
      const done = await finished(queue, sent.id as string);
      expect(done.returnvalue).toEqual({ messageId: `${sent.id}@example.test` });
      worker.proc.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
      expect(worker.output()).not.toContain(PASSWORD);
    } finally {
      worker.proc.kill('SIGKILL');
      await queue.close();
    }
  }, 40_000);

  it('refuses a prefix without a hash tag, as the app does, and starts nothing', async () => {
    const worker = cli(
      ['worker', '--config', project({ prefix: 'bull', queues: ['q'] }), '--cluster', cluster.nodes[0]!],
      ENV,
    );
    expect(await worker.exit).toBe(1);
    expect(worker.output()).toMatch(
      /queuedesk\.config\.json: prefix "bull" has no hash tag: on a Redis Cluster .*use a prefix in braces such as "\{bull\}"/,
    );
    expect(worker.output()).not.toContain('queuedesk worker:');
  });
});

describe('queuedesk beat on a cluster', () => {
  it('enqueues a scheduled job from a config whose connection is the cluster, under its {beat} keys', async () => {
    const name = randomQueue();
    const queue = new Queue(name, { connection: app, prefix: PREFIX });
    const schedules = [
      { id: 'cluster-tick', task: 'email.send', queue: name, args: { to: 'a@b.c' }, trigger: { every: 300 } },
    ];
    const dir = project({ connection: { mode: 'cluster', nodes: [cluster.nodes[1]] }, schedules });
    const beat = cli(['beat', '--config', dir], ENV);
    try {
      await waitUntil(async () => (await ticks(queue, 'cluster-tick')).length >= 2, 15_000, 50, beat.output);
      expect(beat.output()).toMatch(/redis-cluster:\/\/.*1 schedules in the config, 1 added or updated/);
      const stored = await new ScheduleStore(app).list();
      expect(stored.map((s) => s.id)).toContain('cluster-tick');
      expect(await app.exists('queuedesk:{beat}:lock')).toBe(1);
      beat.proc.kill('SIGTERM');
      expect(await beat.exit).toBe(0);
      expect(await app.exists('queuedesk:{beat}:lock')).toBe(0);
    } finally {
      beat.proc.kill('SIGKILL');
      await queue.close();
    }
  }, 40_000);
});

describe('bad Redis flags', () => {
  it('exit 1 with a message naming the flag, before anything reaches the Redis', async () => {
    const node = cluster.nodes[0]!;
    // A config that would work: had any of these started, it would have upserted its schedule.
    const dir = project({
      connection: { mode: 'cluster', nodes: [node] },
      queues: ['bad-flags'],
      schedules: [
        { id: 'never-upserted', task: 'email.send', queue: 'bad-flags', trigger: { every: 60_000 } },
      ],
    });
    // The rest of the flags' checks are in tests/unit/config/redis-flags.test.ts.
    const cases: Array<[string[], RegExp]> = [
      [
        ['worker', '--redis', `redis://${node}`, '--cluster', node],
        /--redis and --cluster name different Redis set-ups: pass only one of them/,
      ],
      [['beat', '--cluster', `${node},127.0.0.1`], /--cluster: "127\.0\.0\.1" must be host:port/],
      [['beat', '--sentinel', node], /--sentinel needs --master NAME/],
    ];
    const runs = cases.map(([args]) => cli([...args, '--config', dir], ENV));
    const codes = await Promise.all(runs.map((r) => r.exit));
    cases.forEach(([args, message], i) => {
      const out = runs[i]!.output();
      expect({ args, code: codes[i], out }).toMatchObject({ code: 1, out: expect.stringMatching(message) });
      expect(out).not.toMatch(/queuedesk (worker|beat):/);
    });
    expect((await new ScheduleStore(app).list()).map((s) => s.id)).not.toContain('never-upserted');
  }, 30_000);
});
