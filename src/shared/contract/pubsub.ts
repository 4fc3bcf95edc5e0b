import { z } from 'zod';
import { Empty } from './connection';
import { type } from './define';

const Name = z.string().min(1, 'cannot be empty').max(1024, 'is longer than 1024 characters');
const Names = z.array(Name).max(500, 'at most 500 at once');

/** Channels, patterns and (Redis 7+) shard channels; at least one name in all. */
export const SubscriptionInput = z
  .object({
    channels: Names.optional(),
    patterns: Names.optional(),
    shardChannels: Names.optional(),
  })
  .strict()
  .refine((s) => (s.channels?.length ?? 0) + (s.patterns?.length ?? 0) + (s.shardChannels?.length ?? 0) > 0, {
    message: 'give at least one channel, pattern or shard channel',
    path: ['channels'],
  });
export type SubscriptionInput = z.infer<typeof SubscriptionInput>;

export const PublishInput = z
  .object({
    channel: Name,
    payload: z.string().max(64 * 1024 * 1024, 'is larger than 64 MB'),
    payloadEncoding: z.literal('base64').optional(),
    /** SPUBLISH to a shard channel (Redis 7+). */
    shard: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.payloadEncoding !== 'base64' || /^[A-Za-z0-9+/]*={0,2}$/.test(p.payload), {
    message: 'is not valid base64',
    path: ['payload'],
  });
export type PublishInput = z.infer<typeof PublishInput>;

export const ChannelsInput = z.object({ match: z.string().min(1).max(1024).optional() }).strict();

export const KeyspaceInput = z
  .object({
    enabled: z.boolean(),
    /** notify-keyspace-events flags to set; default "EA" (key events for every command class). */
    flags: z
      .string()
      .regex(/^[KEg$lshzxetdmnA]+$/, 'only the letters notify-keyspace-events accepts (KEg$lshzxetdmnA)')
      .optional(),
  })
  .strict();

export interface Subscriptions {
  channels: string[];
  patterns: string[];
  shardChannels: string[];
}

export interface PubSubMessage {
  channel: string;
  channelEncoding?: 'base64';
  /** The pattern that matched, for pattern subscriptions. */
  pattern?: string;
  /** Set for messages from shard channels (SSUBSCRIBE). */
  shard?: true;
  payload: string;
  payloadEncoding?: 'base64';
  /** Full size in bytes, given when the payload was cut for display. */
  size?: number;
  truncated?: true;
  /** Milliseconds since the epoch when the host read the message. */
  ts: number;
}

/**
 * A batch of messages. `received` and `dropped` count since the host started: every message that reaches the host
 * is either in exactly one batch or counted in `dropped` (received − dropped = all delivered so far).
 */
export interface PubSubMessagesEvent {
  messages: PubSubMessage[];
  received: number;
  dropped: number;
}

export type SubscriberState = 'idle' | 'connecting' | 'ready' | 'down';

export interface PubSubStatus extends Subscriptions {
  /** The dedicated subscriber connection; idle while there is nothing to subscribe to. */
  state: SubscriberState;
  keyspace: { enabled: boolean; flags?: string; pattern?: string };
  /** Whether the server has SSUBSCRIBE (Redis 7+); null until known. */
  shardSupported: boolean | null;
  received: number;
  dropped: number;
  /** Times the subscriber had to reconnect and re-subscribe. */
  resubscribes: number;
  /**
   * Times the server dropped the subscriber connection while subscribed (its pubsub output-buffer limit, CLIENT
   * KILL, a restart): messages published until it was back were never received, so in neither count above.
   */
  cutOffs: number;
  /** Upper bound on those missed messages (the server's PUBLISH count across each gap); null when unknown. */
  missedAtMost: number | null;
  /** The last thing worth telling the user (a reconnect, a lost connection). */
  note?: string;
}

export interface ActiveChannels {
  channels: Array<{ channel: string; channelEncoding?: 'base64'; subscribers: number; shard?: true }>;
  /** PUBSUB NUMPAT: pattern subscriptions across all clients. */
  patterns: number;
  /** More channels exist than were listed. */
  truncated: boolean;
}

export const pubsubMethods = {
  'pubsub.status': { input: Empty, output: type<PubSubStatus>() },
  'pubsub.subscribe': { input: SubscriptionInput, output: type<Subscriptions>() },
  'pubsub.unsubscribe': { input: SubscriptionInput, output: type<Subscriptions>() },
  /**
   * `receivers`: subscribers reached. `atLeast` on a cluster: channel subscribers of every node are counted,
   * pattern subscribers only on the node published to, so there may be more.
   */
  'pubsub.publish': { input: PublishInput, output: type<{ receivers: number; atLeast?: true }>() },
  'pubsub.channels': { input: ChannelsInput, output: type<ActiveChannels>() },
  'pubsub.keyspace': { input: KeyspaceInput, output: type<PubSubStatus>() },
};

export const pubsubEvents = {
  'pubsub.messages': type<PubSubMessagesEvent>(),
  /** The subscriber's state or subscriptions changed (including a reconnect that re-subscribed). */
  'pubsub.changed': type<PubSubStatus>(),
};
