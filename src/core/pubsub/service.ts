import type { Cluster, RedisOptions } from 'ioredis';
import type { SharedOptions } from '../connection/client-factory';
import type { ConnectionStatus, PubSubStatus, SubscriberState, Subscriptions } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import type { CoreContext } from '../context';
import { Delivery } from './delivery';
import { GapMeter, publishCalls } from './gap-meter';
import { KeyspaceSwitch } from './keyspace-switch';
import { ClusterSubscriber, clusterTopology, type Subscriber } from './cluster-subscriber';
import { SubscriberConnection, type SubscriberHooks } from './subscriber';
import { SubscriptionSet } from './subscriptions';

/** How often the subscriber on a cluster asks for the slot map, to follow a new primary or a moved slot. */
const TOPOLOGY_REFRESH_MS = 5000;

/** Owns the subscriber connection and keeps it matching what the user subscribed to, across reconnects. */
export class PubSubService {
  readonly delivery: Delivery;
  readonly wanted = new SubscriptionSet();
  readonly keyspace: KeyspaceSwitch;
  readonly gaps: GapMeter;
  private sub: Subscriber | null = null;
  /** On a cluster: the client whose slot refreshes the subscriber follows, and its listener. */
  private following: { cluster: Cluster; onRefresh: () => void; timer: NodeJS.Timeout } | null = null;
  private state: SubscriberState = 'idle';
  private note: string | undefined;
  private resubscribes = 0;
  private shardSupport = new Map<string, boolean>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Said with the next re-subscribe: keyspace events were switched off because the server changed. */
  private keyspaceDropped = false;

  constructor(private readonly ctx: CoreContext) {
    this.delivery = new Delivery({
      emit: (batch) => ctx.emit('pubsub.messages', batch),
      backlog: () => ctx.backlogBytes(),
    });
    this.keyspace = new KeyspaceSwitch(ctx);
    this.gaps = new GapMeter(
      () => this.publishCount(),
      () => this.delivery.received,
    );
    ctx.connection.on('changed', (status) => this.onConnectionChanged(status));
  }

  status(): PubSubStatus {
    const target = this.sub?.target;
    return {
      ...this.wanted.toJSON(),
      state: this.state,
      keyspace: this.keyspace.status(),
      shardSupported: target === undefined ? null : (this.shardSupport.get(target) ?? null),
      received: this.delivery.received,
      dropped: this.delivery.dropped,
      resubscribes: this.resubscribes,
      cutOffs: this.gaps.cutOffs,
      missedAtMost: this.gaps.missedAtMost,
      ...(this.note ? { note: this.note } : {}),
    };
  }

  /** Runs changes one at a time, so a reconnect's re-subscribe never interleaves with a user's change. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Everything the connection must be subscribed to: the user's set plus the keyspace pattern. */
  everything(): Subscriptions {
    const all = this.wanted.toJSON();
    const pattern = this.keyspace.pattern;
    if (pattern && !all.patterns.includes(pattern)) all.patterns.push(pattern);
    return all;
  }

  /** The subscriber for the current server, opened on first use; NOT_CONNECTED while Redis is away. */
  async subscriber(): Promise<Subscriber> {
    const cluster = this.ctx.connection.cluster();
    const target = this.currentTarget();
    if (this.sub?.target === target) {
      if (!this.sub.ready)
        throw new ApiError('NOT_CONNECTED', 'the subscriber connection is reconnecting; try again');
      return this.sub;
    }
    this.closeSubscriber();
    // Made while subscriptions are wanted (after a disconnect or a server switch): its first ready restores them.
    const restoring = this.wantedCount() > 0;
    const hooks: SubscriberHooks = {
      message: (view) => this.delivery.accept(view),
      ready: (again) => void this.serial(() => this.resubscribe(sub, again || restoring)),
      lost: (reason) => {
        this.gaps.lost();
        this.setState(
          'connecting',
          `subscriber connection lost (${reason}); reconnecting and re-subscribing…`,
        );
      },
    };
    const sub: Subscriber = cluster
      ? new ClusterSubscriber(
          target,
          clusterTopology(cluster, (node) => this.ctx.connection.nodeOptions(node, 'pub/sub')),
          hooks,
        )
      : new SubscriberConnection(target, this.ctx.connection.directOptions(), hooks);
    this.sub = sub;
    if (cluster) this.follow(cluster);
    this.setState('connecting');
    try {
      await sub.open();
    } catch (err) {
      this.closeSubscriber();
      this.setState(this.wantedCount() ? 'down' : 'idle');
      throw new ApiError(
        'NOT_CONNECTED',
        `could not open the subscriber connection: ${(err as Error).message}`,
      );
    }
    await this.gaps.watch(() => sub.ping());
    return sub;
  }

  /** The subscriber if it is up; never opens one (for taking subscriptions away). */
  current(): Subscriber | null {
    return this.sub?.ready ? this.sub : null;
  }

  /** The connection target now; NOT_CONNECTED when there is none. */
  currentTarget(): string {
    if (!this.ctx.connection.cluster()) return targetOf(this.ctx.connection.directOptions());
    return clusterTargetOf(this.ctx.connection.sharedOptions());
  }

  notify(note: string): void {
    this.note = note;
  }

  /** Whether SSUBSCRIBE exists here (Redis 7+); asked once per server. */
  async shardsSupported(): Promise<boolean> {
    const target = this.currentTarget();
    let known = this.shardSupport.get(target);
    if (known === undefined) {
      const reply = (await this.ctx.connection.client().call('COMMAND', 'INFO', 'SSUBSCRIBE')) as unknown[];
      known = Array.isArray(reply[0]);
      this.shardSupport.set(target, known);
    }
    return known;
  }

  /** Called after the wanted set shrank: an idle console holds no connection. */
  releaseIfUnused(): void {
    if (this.wantedCount() > 0) return;
    this.closeSubscriber();
    this.setState('idle');
  }

  changed(): void {
    this.ctx.emit('pubsub.changed', this.status());
  }

  close(): void {
    this.delivery.stop();
    this.closeSubscriber();
  }

  private async resubscribe(sub: Subscriber, again: boolean): Promise<void> {
    if (sub !== this.sub) return;
    const all = this.everything();
    const count = all.channels.length + all.patterns.length + all.shardChannels.length;
    const next = again ? await this.gaps.beforeResubscribe() : null;
    try {
      await sub.subscribe(all);
    } catch (err) {
      return this.setState('down', `re-subscribing failed: ${(err as Error).message}`);
    }
    if (!again) return this.setState('ready');
    const cutOffs = this.gaps.cutOffs;
    const bound = await this.gaps.resumed(next);
    await this.gaps.watch(() => sub.ping());
    this.resubscribes++;
    const at = new Date().toLocaleTimeString();
    const missed =
      this.gaps.cutOffs === cutOffs
        ? 'messages published while it was down were not received'
        : bound === null
          ? 'the server had dropped it; how many messages were missed is unknown'
          : `the server had dropped it; at most ${bound} message(s) published meanwhile were missed`;
    this.setState(
      'ready',
      `subscriber reconnected at ${at} and re-subscribed to ${count} channel(s)/pattern(s); ${missed}` +
        (this.keyspaceDropped ? '; keyspace events were turned off (another server)' : ''),
    );
    this.keyspaceDropped = false;
  }

  private onConnectionChanged(status: ConnectionStatus): void {
    if (status.state === 'disconnected' || status.state === 'error') {
      this.closeSubscriber();
      if (this.wantedCount() === 0) return this.setState('idle');
      return this.setState(
        'down',
        'Redis is disconnected; subscriptions are kept and restored when it is back',
      );
    }
    if (status.state !== 'connected' || this.wantedCount() === 0) return;
    void this.serial(async () => {
      const target = this.currentTarget();
      if (this.sub?.target === target) return;
      if (this.keyspace.forgetIfServerChanged(target)) this.keyspaceDropped = true;
      if (this.wantedCount() > 0) await this.subscriber();
      else this.setState('idle');
    }).catch((err: Error) => this.setState('down', err.message));
  }

  private wantedCount(): number {
    return this.wanted.size + (this.keyspace.pattern ? 1 : 0);
  }

  /**
   * On a cluster, each slot refresh (every few seconds, and after a MOVED) may bring a new primary or a slot's new
   * owner: new primaries get the keyspace setting, and subscriptions move to where they now belong.
   */
  private follow(cluster: Cluster): void {
    const onRefresh = (): void =>
      void this.serial(async () => {
        const sub = this.sub;
        if (!(sub instanceof ClusterSubscriber)) return;
        await this.keyspace.coverNewPrimaries();
        await sub.rebalance();
      }).catch((err: Error) => this.notify(`following the cluster's topology: ${err.message}`));
    cluster.on('refresh', onRefresh);
    // ioredis asks for the slots again only after a MOVED: a node added or a slot moved with no command of ours
    // redirected would go unseen, so while subscribed the slots are asked for every few seconds (one CLUSTER SLOTS).
    const timer = setInterval(() => cluster.refreshSlotsCache(), TOPOLOGY_REFRESH_MS);
    timer.unref();
    this.following = { cluster, onRefresh, timer };
  }

  /** PUBLISH/SPUBLISH calls the server ran; on a cluster summed over every node (any node takes a PUBLISH). */
  private async publishCount(): Promise<number> {
    const cluster = this.ctx.connection.cluster();
    if (!cluster) return publishCalls(await this.ctx.connection.client().info('commandstats'));
    const infos = await Promise.all(cluster.nodes('all').map((n) => n.info('commandstats')));
    return infos.reduce((total, info) => total + publishCalls(info), 0);
  }

  private closeSubscriber(): void {
    this.following?.cluster.off('refresh', this.following.onRefresh);
    clearInterval(this.following?.timer);
    this.following = null;
    this.gaps.abandon();
    this.sub?.close();
    this.sub = null;
  }

  private setState(state: SubscriberState, note?: string): void {
    this.state = state;
    if (note !== undefined) this.note = note;
    this.changed();
  }
}

/** Server plus identity: a different one means a new subscriber (and new keyspace settings). */
export function targetOf(o: RedisOptions): string {
  return JSON.stringify([o.host, o.port, o.path, o.db ?? 0, o.username, o.password, Boolean(o.tls)]);
}

/** A cluster by its seed nodes and identity. */
function clusterTargetOf(o: SharedOptions): string {
  return JSON.stringify(['cluster', o.clusterNodes, o.username, o.password, Boolean(o.tls)]);
}
