import type { Cluster, RedisOptions } from 'ioredis';
import type { Subscriptions } from '../../shared/contract';
import { primaries, slotOf } from '../keys/cluster/primaries';
import { globMayMatchPrefix } from './glob-prefix';
import type { MessageView } from './message-view';
import { SubscriberConnection, type SubscriberHooks } from './subscriber';
import { KINDS, type SubscriptionKind } from './subscriptions';

/** What the service needs of its subscriber: one connection on one server, or this fan-out on a cluster. */
export type Subscriber = Pick<
  SubscriberConnection,
  'target' | 'ready' | 'open' | 'subscribe' | 'unsubscribe' | 'ping' | 'close'
>;

export interface ClusterTopology {
  /** The primaries' addresses ("host:port"), in a stable order. */
  primaries(): string[];
  /** The primary serving a hash slot, if known. */
  ownerOf(slot: number): string | undefined;
  /** Options for a socket of its own to one node. */
  optionsOf(node: string): RedisOptions;
  /** Asks the cluster for its slots again (a `refresh` follows, and with it a rebalance). */
  refresh(): void;
}

export function clusterTopology(
  cluster: Cluster,
  optionsOf: (node: string) => RedisOptions,
): ClusterTopology {
  return {
    primaries: () => primaries(cluster).map((p) => p.name),
    ownerOf: (slot) => cluster.slots[slot]?.[0],
    optionsOf,
    refresh: () => cluster.refreshSlotsCache(),
  };
}

const KEYSPACE_PREFIXES = ['__keyspace@', '__keyevent@'];

/** Whether a classic channel or pattern can receive keyspace notifications (a pattern such as `*` can). */
function hearsKeyspace(kind: SubscriptionKind, name: string): boolean {
  if (kind === 'patterns') return KEYSPACE_PREFIXES.some((p) => globMayMatchPrefix(name, p));
  return KEYSPACE_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * Where a name is subscribed on a cluster. A PUBLISH reaches every node, so a classic channel or pattern is
 * subscribed on one node (`home`), else each message would arrive once per node. Keyspace notifications stay on
 * the node whose key changed, so a channel or pattern that can hear them goes to every primary (and only the
 * home's copy of a PUBLISH is kept: see `fromElsewhere`). A shard channel lives on the primary serving its slot.
 */
export function nodesFor(kind: SubscriptionKind, name: string, home: string, t: ClusterTopology): string[] {
  if (kind === 'shardChannels') {
    const owner = t.ownerOf(slotOf(name));
    return owner ? [owner] : [];
  }
  return hearsKeyspace(kind, name) ? t.primaries() : [home];
}

/**
 * A message a node other than the home must not pass on: a PUBLISH heard by a pattern placed on every primary
 * for its keyspace events, which the home delivers already. Keyspace notifications and shard messages are each
 * node's own.
 */
function fromElsewhere(view: MessageView): boolean {
  if (view.shard) return false;
  const channel = view.buf.toString('latin1', view.channelFrom, Math.min(view.channelTo, view.channelFrom + 11));
  return !KEYSPACE_PREFIXES.includes(channel);
}

const NONE = (): Subscriptions => ({ channels: [], patterns: [], shardChannels: [] });

/**
 * The subscriber on a Redis Cluster: one SubscriberConnection (the lean RESP link) per node that has something to
 * listen to, each name placed by `nodesFor`. It follows the topology (`rebalance`): names move to a slot's new
 * owner, a new primary gets the keyspace subscriptions, links to nodes with nothing left are closed. As on one
 * server, a link that comes back after a loss tells the owner (`ready(true)`), which re-applies its wanted set.
 */
export class ClusterSubscriber implements Subscriber {
  private readonly links = new Map<string, SubscriberConnection>();
  /** Every name subscribed, and the nodes it is placed on. */
  private readonly placed = new Map<string, { kind: SubscriptionKind; name: string; nodes: string[] }>();
  private home: string;
  private closed = false;

  constructor(
    readonly target: string,
    private readonly topology: ClusterTopology,
    private readonly hooks: SubscriberHooks,
  ) {
    const first = topology.primaries()[0];
    if (!first) throw new Error('the cluster has no primary yet');
    this.home = first;
  }

  /** Opens the link to the home node; others open when something is placed on them. */
  async open(): Promise<void> {
    await this.link(this.home).open();
  }

  get ready(): boolean {
    return this.links.get(this.home)?.ready ?? false;
  }

  /** The nodes with a link open now (for tests and the status line). */
  get nodes(): string[] {
    return [...this.links.keys()];
  }

  /**
   * Subscribes each name on its nodes. A link that is reconnecting is skipped: it gets the whole wanted set when
   * it is back (`ready(true)`).
   */
  async subscribe(names: Subscriptions): Promise<void> {
    const byNode = new Map<string, Subscriptions>();
    for (const kind of KINDS) {
      for (const name of names[kind]) {
        const nodes = nodesFor(kind, name, this.home, this.topology);
        this.placed.set(key(kind, name), { kind, name, nodes });
        for (const node of nodes) add(byNode, node, kind, name);
      }
    }
    await Promise.all([...byNode].map(([node, subs]) => this.sendOn(node, subs)));
  }

  async unsubscribe(names: Subscriptions): Promise<void> {
    const byNode = new Map<string, Subscriptions>();
    for (const kind of KINDS) {
      for (const name of names[kind]) {
        const k = key(kind, name);
        for (const node of this.placed.get(k)?.nodes ?? []) add(byNode, node, kind, name);
        this.placed.delete(k);
      }
    }
    await Promise.all([...byNode].map(([node, subs]) => this.offOn(node, subs)));
    this.closeUnused();
  }

  /** A round trip on every link that is up: behind everything each node had queued for it. */
  async ping(): Promise<void> {
    await Promise.all([...this.links.values()].filter((l) => l.ready).map((l) => l.ping()));
  }

  /** After a topology change: moves every name whose nodes changed, and the home if it is no primary any more. */
  async rebalance(): Promise<void> {
    const primaries = this.topology.primaries();
    if (!primaries.includes(this.home) && primaries[0]) {
      this.home = primaries[0];
      await this.link(this.home)
        .open()
        .catch(() => undefined); // it keeps reconnecting by itself
    }
    const on = new Map<string, Subscriptions>();
    const off = new Map<string, Subscriptions>();
    for (const p of this.placed.values()) {
      const nodes = nodesFor(p.kind, p.name, this.home, this.topology);
      for (const n of nodes) if (!p.nodes.includes(n)) add(on, n, p.kind, p.name);
      for (const n of p.nodes) if (!nodes.includes(n)) add(off, n, p.kind, p.name);
      p.nodes = nodes;
    }
    // One node that cannot be reached must not stop the others; its names go out on the next re-subscribe.
    await Promise.allSettled([
      ...[...off].map(([node, subs]) => this.offOn(node, subs)),
      ...[...on].map(([node, subs]) => this.sendOn(node, subs)),
    ]);
    this.closeUnused();
  }

  close(): void {
    this.closed = true;
    for (const l of this.links.values()) l.close();
    this.links.clear();
  }

  /** Subscribes on `node`, opening its link first if there is none; a link that is reconnecting is skipped. */
  private async sendOn(node: string, subs: Subscriptions): Promise<void> {
    let link = this.links.get(node);
    if (!link) {
      link = this.link(node);
      try {
        await link.open();
      } catch (err) {
        link.close();
        this.links.delete(node);
        throw new Error(`could not reach ${node}: ${(err as Error).message}`, { cause: err });
      }
    }
    if (link.ready) await link.subscribe(subs);
  }

  private async offOn(node: string, subs: Subscriptions): Promise<void> {
    const link = this.links.get(node);
    if (link?.ready) await link.unsubscribe(subs);
  }

  /** The link to `node`, made on first use; its first ready is the home's to report, later ones always are. */
  private link(node: string): SubscriberConnection {
    const existing = this.links.get(node);
    if (existing) return existing;
    const link = new SubscriberConnection(`${this.target}@${node}`, this.topology.optionsOf(node), {
      message: (view) => {
        if (node === this.home || !fromElsewhere(view)) this.hooks.message(view);
      },
      ready: (again) => {
        if (this.closed) return;
        if (again || node === this.home) this.hooks.ready(again);
      },
      lost: (reason) => !this.closed && this.hooks.lost(`${node}: ${reason}`),
      // Its slot moved: the next slot refresh says where to, and rebalance follows it there.
      shardDropped: () => !this.closed && this.topology.refresh(),
    });
    this.links.set(node, link);
    return link;
  }

  private closeUnused(): void {
    const used = new Set([this.home]);
    for (const p of this.placed.values()) for (const n of p.nodes) used.add(n);
    for (const [node, link] of this.links) {
      if (used.has(node)) continue;
      link.close();
      this.links.delete(node);
    }
  }
}

function key(kind: SubscriptionKind, name: string): string {
  return `${kind}\0${name}`;
}

function add(map: Map<string, Subscriptions>, node: string, kind: SubscriptionKind, name: string): void {
  let subs = map.get(node);
  if (!subs) map.set(node, (subs = NONE()));
  subs[kind].push(name);
}
