import { Redis, type RedisOptions } from 'ioredis';
import { reconnectDelay } from '../connection/manager';
import type { Subscriptions } from '../../shared/contract';
import { KINDS, type SubscriptionKind } from './subscriptions';
import { countCommands } from '../connection/own-commands';

export interface SubscriberHooks {
  message(channel: Buffer, pattern: string | undefined, payload: Buffer, shard: boolean): void;
  /** The connection is ready; `again` after it had been lost, when the owner must re-subscribe. */
  ready(again: boolean): void;
  /** The connection dropped (killed, network, server restart); ioredis is reconnecting meanwhile. */
  lost(reason: string): void;
}

const OPEN_TIMEOUT_MS = 5000;

/**
 * The one dedicated subscriber connection. It does not re-subscribe by itself (ioredis's autoResubscribe is off):
 * the owner re-applies its wanted set on `ready(true)`, so a reconnect is seen and reported, never silent.
 */
export class SubscriberConnection {
  private readonly redis: Redis;
  private everReady = false;
  private down = false;
  private closed = false;
  private lastError: string | undefined;

  constructor(
    /** Identifies the server and credentials it was made for, to notice when the connection target changes. */
    readonly target: string,
    options: RedisOptions,
    hooks: SubscriberHooks,
  ) {
    const redis = countCommands(
      new Redis({
        ...options,
        lazyConnect: true,
        connectionName: 'queuedesk:subscriber',
        autoResubscribe: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: OPEN_TIMEOUT_MS,
        retryStrategy: reconnectDelay,
      }),
    );
    this.redis = redis;
    redis.on('messageBuffer', (channel: Buffer, payload: Buffer) =>
      hooks.message(channel, undefined, payload, false),
    );
    redis.on('pmessageBuffer', (pattern: string, channel: Buffer, payload: Buffer) =>
      hooks.message(channel, pattern, payload, false),
    );
    redis.on('smessageBuffer', (channel: Buffer, payload: Buffer) =>
      hooks.message(channel, undefined, payload, true),
    );
    redis.on('ready', () => {
      const again = this.everReady;
      this.everReady = true;
      this.down = false;
      hooks.ready(again);
    });
    redis.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    redis.on('close', () => {
      if (this.closed || !this.everReady || this.down) return;
      this.down = true;
      hooks.lost(this.lastError ?? 'connection closed by the server');
    });
  }

  async open(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('timed out opening the subscriber connection')),
        OPEN_TIMEOUT_MS + 500,
      );
    });
    try {
      await Promise.race([this.redis.connect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Sends SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE for every non-empty list. */
  async subscribe(names: Subscriptions): Promise<void> {
    await Promise.all(KINDS.map((kind) => this.send(kind, 'on', names[kind])));
  }

  async unsubscribe(names: Subscriptions): Promise<void> {
    await Promise.all(KINDS.map((kind) => this.send(kind, 'off', names[kind])));
  }

  close(): void {
    this.closed = true;
    this.redis.removeAllListeners();
    this.redis.on('error', () => undefined);
    this.redis.disconnect();
  }

  private async send(kind: SubscriptionKind, op: 'on' | 'off', names: string[]): Promise<void> {
    if (names.length === 0) return;
    const r = this.redis;
    if (kind === 'channels') await (op === 'on' ? r.subscribe(...names) : r.unsubscribe(...names));
    else if (kind === 'patterns') await (op === 'on' ? r.psubscribe(...names) : r.punsubscribe(...names));
    else await (op === 'on' ? r.ssubscribe(...names) : r.sunsubscribe(...names));
  }
}
