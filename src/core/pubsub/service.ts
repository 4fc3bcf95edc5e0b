import type { RedisOptions } from 'ioredis';
import type { ConnectionStatus, PubSubStatus, SubscriberState, Subscriptions } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import type { CoreContext } from '../context';
import { Delivery } from './delivery';
import { GapMeter, publishCalls } from './gap-meter';
import { KeyspaceSwitch } from './keyspace-switch';
import { SubscriberConnection } from './subscriber';
import { SubscriptionSet } from './subscriptions';

/** Owns the subscriber connection and keeps it matching what the user subscribed to, across reconnects. */
export class PubSubService {
  readonly delivery: Delivery;
  readonly wanted = new SubscriptionSet();
  readonly keyspace: KeyspaceSwitch;
  readonly gaps: GapMeter;
  private sub: SubscriberConnection | null = null;
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
      async () => publishCalls(await ctx.connection.client().info('commandstats')),
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
  async subscriber(): Promise<SubscriberConnection> {
    this.ctx.connection.client();
    const options = this.ctx.connection.directOptions();
    const target = targetOf(options);
    if (this.sub?.target === target) {
      if (!this.sub.ready)
        throw new ApiError('NOT_CONNECTED', 'the subscriber connection is reconnecting; try again');
      return this.sub;
    }
    this.closeSubscriber();
    // Made while subscriptions are wanted (after a disconnect or a server switch): its first ready restores them.
    const restoring = this.wantedCount() > 0;
    const sub = new SubscriberConnection(target, options, {
      message: (view) => this.delivery.accept(view),
      ready: (again) => void this.serial(() => this.resubscribe(sub, again || restoring)),
      lost: (reason) => {
        this.gaps.lost();
        this.setState(
          'connecting',
          `subscriber connection lost (${reason}); reconnecting and re-subscribing…`,
        );
      },
    });
    this.sub = sub;
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
  current(): SubscriberConnection | null {
    return this.sub?.ready ? this.sub : null;
  }

  /** The connection target now; NOT_CONNECTED when there is none. */
  currentTarget(): string {
    return targetOf(this.ctx.connection.directOptions());
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

  private async resubscribe(sub: SubscriberConnection, again: boolean): Promise<void> {
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
    // Pub/sub on a cluster is not supported yet: its calls answer UNSUPPORTED; nothing to follow here.
    if (status.state !== 'connected' || status.mode === 'cluster' || this.wantedCount() === 0) return;
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

  private closeSubscriber(): void {
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
