import { describe, expect, it } from 'vitest';
import { useClusterHost } from './cluster-host';

const h = useClusterHost();

describe('the console on a Redis Cluster', () => {
  it('sends a command with a key to the node of its slot, and says which node answered', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const { results } = await h.call('console.run', { line: `SET con:${i} v${i}` });
      expect(results[0]!.reply).toEqual({ type: 'status', value: 'OK' });
      const node = results[0]!.node!;
      expect(h.primaries).toContain(node);
      // The node named holds the key: asked directly, without redirection.
      expect(await h.node(node).get(`con:${i}`)).toBe(`v${i}`);
      seen.add(node);
    }
    expect(seen.size).toBe(3);
    const get = await h.call('console.run', { line: 'GET con:7', node: h.primaries[0] });
    expect(get.reply).toEqual({ type: 'string', value: 'v7' });
    expect(await h.node(get.results[0]!.node!).exists('con:7')).toBe(1);
  });

  it('keys of different slots get Redis’ own CROSSSLOT error', async () => {
    const { reply } = await h.call('console.run', { line: 'MSET con:a 1 con:b 2' });
    expect(reply).toMatchObject({ type: 'error' });
    expect(reply.type === 'error' && reply.value).toMatch(/^CROSSSLOT/);
    const tagged = await h.call('console.run', { line: 'MSET {con}a 1 {con}b 2' });
    expect(tagged.reply).toEqual({ type: 'status', value: 'OK' });
  });

  it('runs a command without keys on the node picked; without one, says which nodes there are', async () => {
    const refused = await h.fail('console.run', { line: 'DBSIZE' });
    expect(refused.code).toBe('UNSUPPORTED');
    for (const n of h.cluster.nodes) expect(refused.message).toContain(n);
    for (const node of h.primaries) {
      const { reply, results } = await h.call('console.run', { line: 'DBSIZE', node });
      expect(results[0]!.node).toBe(node);
      expect(reply).toEqual({ type: 'integer', value: await h.node(node).dbsize() });
      const info = await h.call('console.run', { line: 'INFO server', node });
      const text = info.reply.type === 'verbatim' || info.reply.type === 'string' ? info.reply.value : '';
      expect(text).toContain(`tcp_port:${node.split(':')[1]}`);
    }
    const bad = await h.fail('console.run', { line: 'DBSIZE', node: '127.0.0.1:1' });
    expect(bad).toMatchObject({ code: 'NOT_FOUND' });
    const notAddress = await h.fail('console.run', { line: 'DBSIZE', node: 'nowhere' });
    expect(notAddress.code).toBe('INVALID_INPUT');
  });

  it('runs several lines each on its own node, and a blocking command on its key’s node', async () => {
    const { results } = await h.call('console.run', { line: 'SET con:x 1\nSET con:y 2\nGET con:x' });
    expect(await h.node(results[0]!.node!).get('con:x')).toBe('1');
    expect(await h.node(results[1]!.node!).get('con:y')).toBe('2');
    expect(results[2]).toMatchObject({ node: results[0]!.node, reply: { type: 'string', value: '1' } });
    const pushed = await h.call('console.run', { line: 'RPUSH con:q job' });
    const popped = await h.call('console.run', { line: 'BLPOP con:q 1' });
    expect(popped.results[0]!.node).toBe(pushed.results[0]!.node);
    expect(popped.reply).toMatchObject({ type: 'array' });
  });
});

describe('a transaction on a cluster', () => {
  it('stays on the node where MULTI ran, across lines and across runs', async () => {
    const node = await ownerOf(Number(await h.node(h.primaries[0]!).cluster('KEYSLOT', '{tx}a')));
    const one = await h.call('console.run', { line: 'MULTI\nSET {tx}a 1\nINCR {tx}a\nEXEC', node });
    expect(one.results.map((r) => r.node)).toEqual([node, node, node, node]);
    expect(one.reply).toMatchObject({
      type: 'array',
      value: [{ type: 'status' }, { type: 'integer', value: 2 }],
    });
    await h.call('console.run', { line: 'MULTI', node });
    const queued = await h.call('console.run', { line: 'INCR {tx}a' });
    expect(queued.results[0]).toMatchObject({ node, reply: { type: 'status', value: 'QUEUED' } });
    const done = await h.call('console.run', { line: 'EXEC' });
    expect(done.results[0]).toMatchObject({
      node,
      reply: { type: 'array', value: [{ type: 'integer', value: 3 }] },
    });
    // Out of the transaction, a keyless command needs its node again.
    expect((await h.fail('console.run', { line: 'DBSIZE' })).code).toBe('UNSUPPORTED');
  });
});

describe('the console follows a slot that moved (ASK while migrating, MOVED after)', () => {
  it('answers from the node that has the key now, as redis-cli -c does', async () => {
    const key = 'con:moving';
    await h.call('console.run', { line: `SET ${key} here` });
    const slot = Number(await h.node(h.primaries[0]!).cluster('KEYSLOT', key));
    const from = await ownerOf(slot);
    const to = h.primaries.find((n) => n !== from)!;
    const id = async (node: string): Promise<string> => String(await h.node(node).cluster('MYID'));
    const [fromId, toId] = [await id(from), await id(to)];
    await h.node(to).cluster('SETSLOT', slot, 'IMPORTING', fromId);
    await h.node(from).cluster('SETSLOT', slot, 'MIGRATING', toId);
    const [host, port] = to.split(':') as [string, string];
    await h.node(from).call('MIGRATE', host, port, key, '0', '5000');
    // Migrating: the old owner answers ASK for the key it no longer has.
    expect(
      await h
        .node(from)
        .get(key)
        .catch((e: Error) => e.message),
    ).toMatch(/^ASK /);
    const asked = await h.call('console.run', { line: `GET ${key}` });
    expect(asked.results[0]).toMatchObject({ node: to, reply: { type: 'string', value: 'here' } });

    for (const n of h.primaries) await h.node(n).cluster('SETSLOT', slot, 'NODE', toId);
    expect(
      await h
        .node(from)
        .get(key)
        .catch((e: Error) => e.message),
    ).toMatch(/^MOVED /);
    const moved = await h.call('console.run', { line: `GET ${key}` });
    expect(moved.results[0]).toMatchObject({ node: to, reply: { type: 'string', value: 'here' } });
  });
});

/** The primary serving `slot`, by CLUSTER SLOTS. */
async function ownerOf(slot: number): Promise<string> {
  const ranges = await h.node(h.primaries[0]!).cluster('SLOTS');
  const owner = ranges.find(([a, b]) => a <= slot && slot <= b)![2]!;
  return `${owner[0]}:${owner[1]}`;
}
