import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ProfilerLinesEvent } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
let primaries: number[];
const batches: ProfilerLinesEvent[] = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  primaries = await cluster.primaryPorts();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-profiler-cluster-')) });
  host.onEvent((event, payload) => {
    if (event === 'server.profilerLines') batches.push(payload as ProfilerLinesEvent);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

const lines = (profilerId: string) =>
  batches.filter((b) => b.profilerId === profilerId).flatMap((b) => b.lines);

/** Runs a command as "the-app" straight on the node at `port` (a key-less one: any node runs it). */
async function appEcho(port: number, text: string): Promise<void> {
  // Named after its first commands: the profiler learns the name from the SETNAME line, not a second later.
  const app = cluster.node(port);
  await app.client('SETNAME', 'the-app');
  await app.echo(text);
}

async function profilersOn(port: number): Promise<number> {
  const list = (await cluster.node(port).call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => / name=queuedesk:profiler /.test(line)).length;
}

describe('the profiler on a Redis Cluster', () => {
  it('watches every primary at once, each line saying which node ran it', async () => {
    await data(host, 'server.profilerStart', { seconds: 60, profilerId: 'all' });
    for (const port of primaries) await appEcho(port, `from-${port}`);
    const seen = (port: number) => lines('all').filter((l) => l.command.includes(`from-${port}`));
    for (const port of primaries) expect(await profilersOn(port)).toBe(1);
    await waitUntil(() => primaries.every((p) => seen(p).length === 1));
    for (const port of primaries) {
      expect(seen(port)[0]).toMatchObject({ node: `127.0.0.1:${port}`, clientName: 'the-app', own: false });
    }
    await data(host, 'server.profilerStop', { profilerId: 'all' });
    expect(batches.at(-1)).toMatchObject({ profilerId: 'all', stopped: 'user' });
  });

  it('watches one node when asked, and names the nodes when the one asked for is not there', async () => {
    const [picked, other] = primaries as [number, number];
    await data(host, 'server.profilerStart', { seconds: 60, profilerId: 'one', node: `127.0.0.1:${picked}` });
    await appEcho(other, 'elsewhere');
    await appEcho(picked, 'here');
    await waitUntil(() => lines('one').some((l) => l.command.includes('here')));
    expect(lines('one').every((l) => l.node === `127.0.0.1:${picked}`)).toBe(true);
    // Only the picked node has a MONITOR connection (opened before start answered), so "elsewhere" never shows.
    for (const port of primaries) expect(await profilersOn(port)).toBe(port === picked ? 1 : 0);
    await data(host, 'server.profilerStop', {});

    const wrong = await host.call('server.profilerStart', { node: '127.0.0.1:1' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!wrong.ok) expect(wrong.error.message).toContain(`127.0.0.1:${picked}`);
  });
});
