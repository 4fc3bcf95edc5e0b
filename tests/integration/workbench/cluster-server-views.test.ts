import { afterEach, describe, expect, it } from 'vitest';
import { useClusterHost } from './cluster-host';

const h = useClusterHost();

afterEach(async () => {
  for (const node of h.primaries) await h.node(node).config('SET', 'slowlog-log-slower-than', '10000');
});

describe('the server pages on a Redis Cluster', () => {
  it('each page needs a node, and says which there are', async () => {
    for (const method of [
      'server.slowlog',
      'server.clients',
      'server.infoSections',
      'server.latency',
    ] as const) {
      const refused = await h.fail(method, {});
      expect(refused.code).toBe('UNSUPPORTED');
      for (const n of h.cluster.nodes) expect(refused.message).toContain(n);
    }
  });

  it('the slow log and CONFIG of the node picked; "primaries" merges every primary with its node', async () => {
    const [a, b] = h.primaries as [string, string];
    const set = await h.call('server.configSet', { name: 'slowlog-log-slower-than', value: '0', node: b });
    expect(set.value).toBe('0');
    expect((await h.node(b).config('GET', 'slowlog-log-slower-than'))[1]).toBe('0');
    expect((await h.node(a).config('GET', 'slowlog-log-slower-than'))[1]).toBe('10000');
    const read = async (node: string): Promise<string> =>
      (await h.call('server.config', { match: 'slowlog-log-slower-than', node })).settings[0]!.value;
    expect([await read(a), await read(b)]).toEqual(['10000', '0']);

    await h.node(b).call('ECHO', 'slow-on-b');
    const onB = await h.call('server.slowlog', { limit: 50, node: b });
    expect(onB.slowerThanMicros).toBe(0);
    expect(onB.entries.some((e) => e.args.join(' ') === 'ECHO slow-on-b')).toBe(true);
    expect(onB.entries.every((e) => e.node === b)).toBe(true);
    const onA = await h.call('server.slowlog', { limit: 50, node: a });
    expect(onA.entries.some((e) => e.args.join(' ') === 'ECHO slow-on-b')).toBe(false);

    const all = await h.call('server.slowlog', { limit: 50, node: 'primaries' });
    const echo = all.entries.find((e) => e.args.join(' ') === 'ECHO slow-on-b');
    expect(echo?.node).toBe(b);
    const lengths = await Promise.all(
      h.primaries.map(async (n) => Number(await h.node(n).call('SLOWLOG', 'LEN'))),
    );
    // Each node's own reads are logged on b as they happen: its count only grows between the two looks.
    expect(all.length).toBeLessThanOrEqual(lengths.reduce((x, y) => x + y, 0));
    expect(all.length).toBeGreaterThan(onA.length);

    expect((await h.fail('server.slowlogReset', { node: b })).code).toBe('CONFIRMATION_REQUIRED');
    await h.call('server.configSet', { name: 'slowlog-log-slower-than', value: '-1', node: b });
    await h.call('server.slowlogReset', { node: b, confirm: true });
    expect(Number(await h.node(b).call('SLOWLOG', 'LEN'))).toBe(0);
  });

  it('the clients of the node picked, or of every primary with their node; a kill on that node', async () => {
    const [a, b] = h.primaries as [string, string];
    const watcher = h.node(b);
    await watcher.client('SETNAME', 'cluster-watcher');
    const onB = (await h.call('server.clients', { node: b })).clients;
    const row = onB.find((c) => c.name === 'cluster-watcher');
    expect(row?.node).toBe(b);
    const onA = (await h.call('server.clients', { node: a })).clients;
    expect(onA.some((c) => c.name === 'cluster-watcher')).toBe(false);
    const all = (await h.call('server.clients', { node: 'primaries' })).clients;
    expect(new Set(all.map((c) => c.node))).toEqual(new Set(h.primaries));
    expect(all.find((c) => c.name === 'cluster-watcher')?.node).toBe(b);

    const wrongNode = await h.fail('server.clientKill', { id: row!.id, node: a, confirm: true });
    expect(wrongNode.code).toBe('NOT_FOUND');
    const closed = new Promise((resolve) => watcher.once('end', resolve).once('close', resolve));
    watcher.options.retryStrategy = () => null;
    expect(await h.call('server.clientKill', { id: row!.id, node: b, confirm: true })).toMatchObject({
      killed: 1,
    });
    await closed;
  });

  it('INFO and latency of the node picked', async () => {
    for (const node of h.primaries) {
      const { sections } = await h.call('server.infoSections', { node });
      const server = sections.find((s) => s.name.toLowerCase() === 'server')!;
      expect(server.fields.find((f) => f.name === 'tcp_port')?.value).toBe(node.split(':')[1]);
      const cl = sections.find((s) => s.name.toLowerCase() === 'cluster')!;
      expect(cl.fields.find((f) => f.name === 'cluster_enabled')?.value).toBe('1');
    }
    const latency = await h.call('server.latency', { node: h.primaries[2] });
    expect(latency.thresholdMs).toBe(
      Number((await h.node(h.primaries[2]!).config('GET', 'latency-monitor-threshold'))[1]),
    );
  });
});
