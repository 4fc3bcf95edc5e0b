import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type {
  ConnectionStatus,
  JobDetail,
  KeyDetails,
  ProcessInfo,
  SavedConnection,
  TestOutcome,
} from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { publishAndHear } from '../../helpers/pubsub-roundtrip';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { scanAllKeys } from '../../helpers/scan-keys';
import { makeTestTls, type TestTls } from '../../helpers/test-tls';
import { cli } from '../worker/cli-process';
import { data } from '../worker/helpers';

let tls: TestTls;
let cluster: TestCluster;
let host: CoreHost;
let dataDir: string;
const KEYS = 30;

/** Three primaries that speak only TLS (clients, cluster bus), with a certificate of a private CA. */
beforeAll(async () => {
  tls = makeTestTls();
  cluster = await startTestCluster(3, 0, undefined, tls);
  dataDir = mkdtempSync(join(tmpdir(), 'qd-cluster-tls-'));
  host = new CoreHost({ dataDir });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

const target = (extra: object = {}) => ({ mode: 'cluster' as const, nodes: [cluster.nodes[0]!], ...extra });

describe('a Redis Cluster over TLS', () => {
  it('is refused without the CA, saying the certificate is not trusted and what to do', async () => {
    const tested = await data<TestOutcome>(host, 'connection.test', target({ tls: true }));
    expect(tested.ok).toBe(false);
    // Node's own reason (the nodes send their chain, so: "self-signed certificate in certificate chain"), then
    // what to do about it.
    expect(tested.error).toMatch(/self-signed certificate in certificate chain: .*not trusted; give the CA/);
    const r = await host.call('connection.connect', target({ tls: true }));
    expect(r).toMatchObject({ ok: false, error: { code: 'REDIS_ERROR' } });
    if (!r.ok) expect(r.error.message).toMatch(/self-signed certificate in certificate chain: .*tlsCa/);
    expect(host.connection.status().state).not.toBe('connected');
  });

  it('is tested and connected with tls and the CA: keys scanned on every primary, read and written', async () => {
    const tested = await data<TestOutcome>(host, 'connection.test', target({ tls: true, tlsCa: tls.ca }));
    expect(tested).toMatchObject({ ok: true, primaries: 3 });
    const status = await data<ConnectionStatus>(
      host,
      'connection.connect',
      target({ tls: true, tlsCa: tls.ca }),
    );
    expect(status).toMatchObject({ state: 'connected', mode: 'cluster' });
    for (let i = 0; i < KEYS; i++)
      await data(host, 'keys.create', { key: `tls:${i}`, type: 'string', value: `v${i}` });
    // Each primary holds some of them (the slots of k:0…k:29 spread over all three).
    for (const port of await cluster.primaryPorts())
      expect(await cluster.node(port).dbsize()).toBeGreaterThan(0);
    const found = new Set((await scanAllKeys(host, 'tls:*')).map((k) => k.key));
    expect(found.size).toBe(KEYS);
    await data(host, 'keys.setString', { key: 'tls:7', value: 'changed' });
    const key = await data<KeyDetails>(host, 'keys.get', { key: 'tls:7' });
    expect(key).toMatchObject({ type: 'string', value: { value: 'changed' } });
  });

  it('is accepted with skip-verify alone (TLS implied)', async () => {
    const tested = await data<TestOutcome>(host, 'connection.test', target({ tlsSkipVerify: true }));
    expect(tested).toMatchObject({ ok: true, primaries: 3 });
  });

  it('is saved with its CA and skip-verify choice (in clear: a CA is no secret), listed, and connected again', async () => {
    const saved = await data<SavedConnection[]>(host, 'connections.save', {
      name: 'tls-cluster',
      target: target({ tls: true, tlsCa: tls.ca, tlsSkipVerify: false, password: 'unused' }),
    });
    const listed = saved.find((c) => c.name === 'tls-cluster');
    expect(listed?.target).toEqual(target({ tls: true, tlsCa: tls.ca, tlsSkipVerify: false }));
    const file = readFileSync(join(dataDir, 'connections.json'), 'utf8');
    expect(file).toContain(JSON.stringify(tls.ca));
    expect(file).not.toContain('unused');
    await data(host, 'connection.disconnect');
    const status = await data<ConnectionStatus>(host, 'connection.connect', {
      ...listed!.target,
      saved: 'tls-cluster',
    });
    expect(status).toMatchObject({ state: 'connected', mode: 'cluster' });
  });

  it('runs pub/sub over TLS too (its own sockets to the nodes)', async () => {
    await data(host, 'connection.connect', target({ tls: true, tlsCa: tls.ca }));
    await publishAndHear(host, 'tls-news', 'over tls');
  });

  it('gives forked workers the TLS settings: a job enqueued through the API completes', async () => {
    await data(host, 'connection.connect', target({ tls: true, tlsCa: tls.ca }));
    const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-tls-project-'));
    writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ prefix: '{bull}' }));
    await data(host, 'project.open', { configPath: dir });
    await data<ProcessInfo>(host, 'workers.start', { queues: ['tls-work'], concurrency: 1 });
    const { id } = await data<{ id: string }>(host, 'jobs.add', {
      queue: 'tls-work',
      prefix: '{bull}',
      task: 'demo.echo',
      args: { over: 'tls' },
    });
    let job: JobDetail | undefined;
    await waitUntil(
      async () =>
        (job = await data<JobDetail>(host, 'jobs.get', { queue: 'tls-work', prefix: '{bull}', id })).state ===
        'completed',
      20_000,
      50,
      () => JSON.stringify(job),
    );
    expect(job?.returnValue).toEqual({ over: 'tls' });
  });

  it('runs `queuedesk worker` from a config whose connection is the TLS cluster with its CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-tls-cli-'));
    const connection = { mode: 'cluster', nodes: [cluster.nodes[1]!], tls: true, tlsCa: tls.ca };
    writeFileSync(
      join(dir, 'queuedesk.config.json'),
      JSON.stringify({ prefix: '{bull}', queues: ['tls-cli'], connection }),
    );
    const worker = cli(['worker', '--config', dir]);
    try {
      await waitUntil(() => worker.output().includes('consuming tls-cli'), 20_000, 25, worker.output);
      const { id } = await data<{ id: string }>(host, 'jobs.add', {
        queue: 'tls-cli',
        prefix: '{bull}',
        task: 'demo.echo',
        args: { from: 'cli' },
      });
      await waitUntil(
        async () =>
          (await data<JobDetail>(host, 'jobs.get', { queue: 'tls-cli', prefix: '{bull}', id })).state ===
          'completed',
        20_000,
        50,
        worker.output,
      );
      worker.proc.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
    } finally {
      worker.proc.kill('SIGKILL');
    }
  }, 40_000);
});
