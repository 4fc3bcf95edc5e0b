import keySlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { addEmptyPrimary, moveEmptySlot } from '../../helpers/cluster-grow';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { recordingHost, type RecordingHost } from './harness';

let cluster: TestCluster;
let h: RecordingHost;
let primaries: number[];
/** For each primary port, the first hash slot it serves. */
const slotOwner = new Map<number, number>();

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  primaries = await cluster.primaryPorts();
  const slots = await cluster.node(primaries[0]!).cluster('SLOTS');
  for (let slot = 0; slot < 16384; slot++) {
    const range = slots.find(([from, to]) => slot >= from && slot <= to)!;
    slotOwner.set(slot, range[2]![1]);
  }
  h = await recordingHost({ mode: 'cluster', nodes: [cluster.nodes[0]!] });
}, 60_000);
afterAll(async () => {
  await h?.host.close();
  await cluster?.stop();
});

/** A name with `prefix` whose slot is served by the primary on `port`. */
function nameOn(port: number, prefix: string): string {
  for (let i = 0; ; i++) if (slotOwner.get(keySlot(`${prefix}${i}`)) === port) return `${prefix}${i}`;
}

/** The console's subscriber connections on one node. */
async function subscribersOn(port: number): Promise<number> {
  const list = (await cluster.node(port).call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  return list.split('\n').filter((line) => / name=queuedesk:subscriber /.test(line)).length;
}

const on = (channel: string, payload: string) => () =>
  h.messages().filter((m) => m.channel === channel && m.payload === payload);

describe('pub/sub on a Redis Cluster', () => {
  it('a channel and a pattern receive what is published on any node, once each', async () => {
    await h.call('pubsub.subscribe', { channels: ['news'], patterns: ['ev:*'] });
    for (const port of primaries) {
      await cluster.node(port).publish('news', `n${port}`);
      await cluster.node(port).publish('ev:x', `e${port}`);
    }
    const published = await h.call('pubsub.publish', { channel: 'news', payload: 'from-qd' });
    expect(published.receivers).toBeGreaterThanOrEqual(0);
    await waitUntil(() => on('news', 'from-qd')().length === 1);
    // Behind the last one on its node: a marker published after everything else, on every node.
    for (const port of primaries) await cluster.node(port).publish('news', `end${port}`);
    await waitUntil(() => primaries.every((p) => on('news', `end${p}`)().length === 1));
    for (const port of primaries) {
      expect(on('news', `n${port}`)()).toHaveLength(1);
      expect(on('ev:x', `e${port}`)()).toMatchObject([{ pattern: 'ev:*' }]);
    }
    // Classic subscriptions need one node only.
    const counts = await Promise.all(primaries.map(subscribersOn));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    await h.call('pubsub.unsubscribe', { channels: ['news'], patterns: ['ev:*'] });
    expect((await h.call('pubsub.status', {})).state).toBe('idle');
  });

  it('a PUBLISH counts the channel subscribers of every node, not only the node it went to', async () => {
    // One outside subscriber on each primary; each is reached whatever node the PUBLISH goes to.
    const outside = primaries.map((port) => cluster.node(port).duplicate());
    const got: string[] = [];
    try {
      for (const sub of outside) {
        sub.on('message', (_channel: string, payload: string) => got.push(payload));
        await sub.subscribe('count:ch');
      }
      const published = await h.call('pubsub.publish', { channel: 'count:ch', payload: 'to-all' });
      expect(published).toEqual({ receivers: primaries.length, atLeast: true });
      await waitUntil(() => got.length === primaries.length);
      // QueueDesk's own subscriber (on one node) adds one, counted once.
      await h.call('pubsub.subscribe', { channels: ['count:ch'] });
      expect((await h.call('pubsub.publish', { channel: 'count:ch', payload: 'and-qd' })).receivers).toBe(
        primaries.length + 1,
      );
      await h.call('pubsub.unsubscribe', { channels: ['count:ch'] });
    } finally {
      for (const sub of outside) sub.disconnect();
    }
  });

  it('shard channels on every primary are subscribed where their slot lives and get SPUBLISH', async () => {
    const names = primaries.map((p) => nameOn(p, 'shard:'));
    const status = await h.call('pubsub.status', {});
    expect(status.shardSupported).not.toBe(false);
    await h.call('pubsub.subscribe', { shardChannels: names });
    for (const port of primaries) expect(await subscribersOn(port)).toBe(1);
    for (const name of names) {
      const { receivers } = await h.call('pubsub.publish', {
        channel: name,
        payload: `s-${name}`,
        shard: true,
      });
      expect(receivers).toBe(1);
    }
    await waitUntil(() => names.every((n) => on(n, `s-${n}`)().length === 1));
    for (const n of names) expect(on(n, `s-${n}`)()[0]).toMatchObject({ shard: true });

    const active = await h.call('pubsub.channels', {});
    for (const n of names)
      expect(active.channels).toContainEqual({ channel: n, subscribers: 1, shard: true });

    await h.call('pubsub.unsubscribe', { shardChannels: names });
    for (const port of primaries) expect(await subscribersOn(port)).toBe(0);
  });

  it('keyspace events come from every primary; the setting is made and put back on each', async () => {
    for (const port of primaries) await cluster.node(port).config('SET', 'notify-keyspace-events', 'Kx');
    const status = await h.call('pubsub.keyspace', { enabled: true });
    expect(status.keyspace).toMatchObject({ enabled: true, pattern: '__keyevent@0__:*' });
    for (const port of primaries) {
      const [, flags] = (await cluster.node(port).config('GET', 'notify-keyspace-events')) as string[];
      expect(flags).toMatch(/E/);
    }
    const keys = primaries.map((p) => nameOn(p, 'ks:'));
    for (const [i, key] of keys.entries()) await cluster.node(primaries[i]!).set(key, 'v');
    await waitUntil(() => keys.every((k) => on('__keyevent@0__:set', k)().length === 1));

    const off = await h.call('pubsub.keyspace', { enabled: false });
    expect(off.keyspace).toEqual({ enabled: false });
    expect(off.state).toBe('idle');
    for (const port of primaries) {
      expect(await cluster.node(port).config('GET', 'notify-keyspace-events')).toEqual([
        'notify-keyspace-events',
        'xK',
      ]);
      expect(await subscribersOn(port)).toBe(0);
    }
  });
});

describe('a pattern of your own on a Redis Cluster', () => {
  it('`*` hears every primary\'s keyspace events, and a PUBLISH once', async () => {
    const flags = await Promise.all(
      primaries.map(async (p) => (await cluster.node(p).config('GET', 'notify-keyspace-events')) as string[]),
    );
    for (const port of primaries) await cluster.node(port).config('SET', 'notify-keyspace-events', 'KA');
    try {
      await h.call('pubsub.subscribe', { patterns: ['*'] });
      const keys = primaries.map((p) => nameOn(p, 'own:'));
      for (const [i, key] of keys.entries()) await cluster.node(primaries[i]!).set(key, 'v');
      for (const port of primaries) await cluster.node(port).publish('plain', `p${port}`);
      await waitUntil(() => keys.every((k) => on(`__keyspace@0__:${k}`, 'set')().length === 1));
      await waitUntil(() => primaries.every((p) => on('plain', `p${p}`)().length >= 1));
      // Behind everything else on every node: a marker published last, then counted once each.
      for (const port of primaries) await cluster.node(port).publish('plain', `end${port}`);
      await waitUntil(() => primaries.every((p) => on('plain', `end${p}`)().length >= 1));
      for (const port of primaries) {
        expect(on('plain', `p${port}`)()).toHaveLength(1);
        expect(on('plain', `end${port}`)()).toHaveLength(1);
      }
      for (const k of keys) expect(on(`__keyspace@0__:${k}`, 'set')()).toHaveLength(1);
      for (const port of primaries) expect(await subscribersOn(port)).toBe(1);
      await h.call('pubsub.unsubscribe', { patterns: ['*'] });
      for (const port of primaries) expect(await subscribersOn(port)).toBe(0);
    } finally {
      for (const [i, port] of primaries.entries())
        await cluster.node(port).config('SET', 'notify-keyspace-events', flags[i]![1]!);
    }
  });
});

describe('pub/sub follows the cluster topology', () => {
  it('a new primary given a slot sends keyspace events; a moved slot takes its shard channel along', async () => {
    const from = primaries[1]!;
    await h.call('pubsub.keyspace', { enabled: true });
    const added = await addEmptyPrimary(cluster);
    const admin = cluster.node(added.port);

    // A slot nobody listens on: no command of QueueDesk's is redirected, so only asking for the slots finds it.
    const key = `{${nameOn(from, 'ks-moved:')}}:k`;
    await moveEmptySlot(cluster, keySlot(key), from, added.port);
    await waitUntil(async () => (await subscribersOn(added.port)) === 1, 20_000);
    await waitUntil(
      async () => /E/.test(((await admin.config('GET', 'notify-keyspace-events')) as string[])[1]!),
      20_000,
    );
    // A newcomer primary may still answer CLUSTERDOWN for a moment after its first slot (its rejoin delay).
    await waitUntil(
      () =>
        admin.set(key, 'v').then(
          () => true,
          () => false,
        ),
      10_000,
    );
    await waitUntil(() => on('__keyevent@0__:set', key)().length === 1);

    // A shard channel whose slot moves follows it (the server drops it on the old node).
    const channel = nameOn(from, 'moving:');
    await h.call('pubsub.subscribe', { shardChannels: [channel] });
    await moveEmptySlot(cluster, keySlot(channel), from, added.port);
    await waitUntil(async () => {
      const list = (await admin.call('PUBSUB', 'SHARDCHANNELS')) as string[];
      return list.includes(channel);
    }, 20_000);
    const { receivers } = await h.call('pubsub.publish', { channel, payload: 'after-move', shard: true });
    expect(receivers).toBe(1);
    await waitUntil(() => on(channel, 'after-move')().length === 1);
    await h.call('pubsub.keyspace', { enabled: false });
    await h.call('pubsub.unsubscribe', { shardChannels: [channel] });
  }, 60_000);
});
