import type { RedisOptions } from 'ioredis';
import { reconnectDelay } from '../connection/manager';
import type { Subscriptions } from '../../shared/contract';
import type { MessageView } from './message-view';
import { RespLink } from './resp-link';
import { KINDS, type SubscriptionKind } from './subscriptions';

export interface SubscriberHooks {
  /** A message; the view is reused for the next one. */
  message(view: MessageView): void;
  /** The connection is ready; `again` after it had been lost, when the owner must re-subscribe. */
  ready(again: boolean): void;
  /** The connection dropped (killed, cut off, network, server restart); it is reconnecting meanwhile. */
  lost(reason: string): void;
  /** The server dropped a shard channel by itself: its slot moved to another node. */
  shardDropped?(channel: Buffer): void;
}

const OPEN_TIMEOUT_MS = 5000;
const COMMANDS: Record<SubscriptionKind, { on: string; off: string }> = {
  channels: { on: 'SUBSCRIBE', off: 'UNSUBSCRIBE' },
  patterns: { on: 'PSUBSCRIBE', off: 'PUNSUBSCRIBE' },
  shardChannels: { on: 'SSUBSCRIBE', off: 'SUNSUBSCRIBE' },
};

/**
 * The one dedicated subscriber connection, on its own lean RESP link (ioredis's reader is too slow for the
 * fastest publishers: see RespReader). It does not re-subscribe by itself: the owner re-applies its wanted set on
 * `ready(true)`, so a reconnect is seen and reported, never silent.
 */
export class SubscriberConnection {
  private link: RespLink | null = null;
  private everReady = false;
  private down = false;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    /** Identifies the server and credentials it was made for, to notice when the connection target changes. */
    readonly target: string,
    private readonly options: RedisOptions,
    private readonly hooks: SubscriberHooks,
  ) {}

  /** The first connection; rejects when it cannot be made (later losses reconnect by themselves). */
  async open(): Promise<void> {
    await this.dial();
  }

  get ready(): boolean {
    return this.link !== null;
  }

  /** Sends SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE for every non-empty list. */
  async subscribe(names: Subscriptions): Promise<void> {
    await Promise.all(KINDS.map((kind) => this.send(COMMANDS[kind].on, names[kind])));
  }

  async unsubscribe(names: Subscriptions): Promise<void> {
    await Promise.all(KINDS.map((kind) => this.send(COMMANDS[kind].off, names[kind])));
  }

  /** A round trip through everything the server has queued for this connection before now. */
  async ping(): Promise<void> {
    await this.live().send(['PING']);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.link?.destroy('closed');
    this.link = null;
  }

  private async dial(): Promise<void> {
    // Set once open() returns: a link that closes before that is a failed dial, not a loss.
    let opened: RespLink | null = null;
    const link = await RespLink.open(this.options, 'queuedesk:subscriber', OPEN_TIMEOUT_MS, {
      message: this.hooks.message,
      closed: (reason) => opened && this.onClosed(opened, reason),
      shardDropped: (channel) => this.hooks.shardDropped?.(channel),
    });
    opened = link;
    if (this.closed) return link.destroy('closed');
    // Closed between its handshake and now: count it as a failed attempt.
    if (link.isClosed) throw new Error('connection closed');
    const again = this.everReady;
    this.link = link;
    this.everReady = true;
    this.down = false;
    this.attempt = 0;
    this.hooks.ready(again);
  }

  private onClosed(link: RespLink, reason: string): void {
    // A link that fails before it was ready is the failed dial's business, not a loss.
    if (this.closed || this.link !== link) return;
    this.link = null;
    if (!this.down) {
      this.down = true;
      this.hooks.lost(reason);
    }
    this.reconnect();
  }

  private reconnect(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      if (this.closed) return;
      this.dial().catch(() => this.reconnect());
    }, reconnectDelay(this.attempt++));
  }

  private live(): RespLink {
    if (!this.link) throw new Error('the subscriber connection is reconnecting');
    return this.link;
  }

  private async send(command: string, names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.live().send([command, ...names], names.length);
  }
}
