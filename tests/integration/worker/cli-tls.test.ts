import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { startServeProcess } from '../../helpers/serve-process';
import { makeTestTls, type TestTls } from '../../helpers/test-tls';
import { cli, type Cli } from './cli-process';
import { finished, randomQueue } from './helpers';

// One private CA signs a TLS-only standalone and a TLS-only cluster; another CA, made alike, signed neither.
let tls: TestTls;
let otherCa: string;
let server: TestRedis;
let cluster: TestCluster;
let clusterApp: Cluster;

beforeAll(async () => {
  tls = makeTestTls();
  otherCa = makeTestTls().caFile;
  server = await startTestRedis([], tls);
  cluster = await startTestCluster(3, 0, undefined, tls);
  const [host, port] = cluster.nodes[0]!.split(':');
  clusterApp = new Cluster([{ host: host!, port: Number(port) }], { redisOptions: { tls: { ca: tls.ca } } });
}, 60_000);

afterAll(async () => {
  clusterApp?.disconnect();
  await server?.stop();
  await cluster?.stop();
});

const url = (): string => `redis://127.0.0.1:${server.port}`;

/** A project folder with the example's tasks and a config of `config`'s fields. */
function project(config: object = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'qd-cli-tls-'));
  const tasks = resolve('resources/example/tasks.ts');
  writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ tasks, ...config }));
  return dir;
}

/** `queuedesk worker` on the TLS standalone with `tlsArgs`, for a fresh queue, and a BullMQ Queue there. */
function standaloneWorker(...tlsArgs: string[]): { worker: Cli; queue: Queue } {
  const name = randomQueue();
  const worker = cli(['worker', '--config', project(), '--redis', url(), ...tlsArgs, '--queues', name]);
  return { worker, queue: new Queue(name, { connection: server.client() }) };
}

/** Runs a worker until it consumes `queue`, has a plain BullMQ Queue add a job, and checks the worker ran it. */
async function runsAJob(worker: Cli, queue: Queue): Promise<void> {
  try {
    await waitUntil(() => worker.output().includes(`consuming ${queue.name}`), 20_000, 25, worker.output);
    const sent = await queue.add('email.send', { to: 'ada@example.test' });
    const done = await finished(queue, sent.id as string);
    expect(done.returnvalue).toEqual({ messageId: `${sent.id}@example.test` });
    worker.proc.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
  } finally {
    worker.proc.kill('SIGKILL');
    await queue.close();
  }
}

describe('queuedesk worker --tls-ca FILE', () => {
  it('runs a job on a TLS standalone Redis whose certificate the CA file signed (TLS implied)', async () => {
    const { worker, queue } = standaloneWorker('--tls-ca', tls.caFile);
    await runsAJob(worker, queue);
    expect(worker.output()).not.toMatch(/WARNING/);
  }, 40_000);

  it('runs a job on a TLS cluster, every node checked against the CA file', async () => {
    const name = randomQueue();
    const dir = project({ prefix: '{bull}' });
    const worker = cli([
      'worker',
      '--config',
      dir,
      '--cluster',
      cluster.nodes[1]!,
      '--tls-ca',
      tls.caFile,
      '--queues',
      name,
    ]);
    await runsAJob(worker, new Queue(name, { connection: clusterApp, prefix: '{bull}' }));
  }, 40_000);

  it("reads the config's tlsCaFile, relative to the config file", async () => {
    const name = randomQueue();
    const relative = project({ queues: [name], connection: { url: url(), tls: true, tlsCaFile: 'ca.pem' } });
    writeFileSync(join(relative, 'ca.pem'), tls.ca);
    await runsAJob(cli(['worker', '--config', relative]), new Queue(name, { connection: server.client() }));
  }, 40_000);

  it('exits 1 on a CA that did not sign the certificate, naming the CA file, before taking jobs', async () => {
    const cases = [
      ['--redis', url()],
      ['--cluster', cluster.nodes[0]!],
    ];
    const runs = cases.map((target) =>
      cli([
        'worker',
        '--config',
        project({ prefix: '{bull}' }),
        ...target,
        '--tls-ca',
        otherCa,
        '--queues',
        'never',
      ]),
    );
    for (const run of runs) {
      expect(await run.exit).toBe(1);
      expect(run.output()).toContain(`the server's TLS certificate is not signed by the CA in ${otherCa}`);
      expect(run.output()).toMatch(
        /give the CA certificate that signed it \(--tls-ca FILE\), or skip verification/,
      );
      expect(run.output()).not.toContain('consuming');
    }
  }, 30_000);

  it('without a CA, worker and beat exit 1 saying the certificate is not trusted and what to pass', async () => {
    const runs = ['worker', 'beat'].map((command) =>
      cli([command, '--config', project({ queues: ['never'] }), '--redis', url(), '--tls']),
    );
    for (const run of runs) {
      expect(await run.exit).toBe(1);
      expect(run.output()).toMatch(
        /self-signed certificate in certificate chain: the server's TLS certificate is not trusted; give the CA certificate that signed it \(--tls-ca FILE\), or skip verification for a local set-up \(--tls-skip-verify\)/,
      );
    }
  }, 30_000);

  it('refuses a CA file that is missing or not PEM, before anything connects', async () => {
    const dir = project();
    const notPem = join(dir, 'ca.txt');
    writeFileSync(notPem, 'not a certificate\n');
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.pem'), /--tls-ca: cannot read the CA file .*missing\.pem: ENOENT/],
      [notPem, /--tls-ca: .*ca\.txt is not a PEM CA certificate \(no "-----BEGIN CERTIFICATE-----" line\)/],
    ];
    const admin = server.client();
    const accepted = async (): Promise<string | undefined> =>
      /total_connections_received:(\d+)/.exec(await admin.info('stats'))?.[1];
    const before = await accepted();
    const runs = cases.map(([file]) =>
      cli(['worker', '--config', dir, '--redis', url(), '--tls-ca', file, '--queues', 'q']),
    );
    for (const [i, run] of runs.entries()) {
      expect(await run.exit).toBe(1);
      expect(run.output()).toMatch(cases[i]![1]);
      expect(run.output()).not.toContain('queuedesk worker:');
    }
    // Nothing reached the Redis: no connection accepted since.
    expect(await accepted()).toBe(before);
  }, 30_000);
});

describe('queuedesk worker --tls-skip-verify', () => {
  it('says loudly that certificates go unchecked, and runs', async () => {
    const { worker, queue } = standaloneWorker('--tls-skip-verify');
    await runsAJob(worker, queue);
    expect(worker.output()).toMatch(/^WARNING: TLS certificates are NOT verified \(--tls-skip-verify\)/m);
  }, 40_000);
});

describe('queuedesk serve --redis URL --tls-ca FILE', () => {
  it('connects with the CA file, and with another CA says so, naming the file', async () => {
    const good = await startServeProcess(['--redis', url(), '--tls-ca', tls.caFile]);
    const bad = await startServeProcess(['--redis', url(), '--tls-ca', otherCa]);
    try {
      expect(good.output()).not.toContain('Redis:');
      expect(bad.output()).toMatch(
        new RegExp(
          `^Redis: .*not trusted; give the CA .*; the CA given: ${otherCa.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          'm',
        ),
      );
    } finally {
      expect(await good.stop()).toBe(0);
      expect(await bad.stop()).toBe(0);
    }
  }, 40_000);
});
