import { QueueEvents, type ConnectionOptions } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import { blockingConnection } from './connection';
import type { JobEvent } from '../../../../shared/contract/queues';
import type { JobEventSink } from '../../driver';

/** How long a stop waits for QueueEvents to close cleanly before cutting its connection. */
const CLOSE_WAIT_MS = 1000;

/** Return values bigger than this stay out of events (jobs.get has them): thousands of events a second. */
const EVENT_VALUE_MAX_CHARS = 2000;

type Kind = JobEvent['kind'];

function isSmall(value: unknown): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined || text.length <= EVENT_VALUE_MAX_CHARS;
}
/** BullMQ event name → the state (or happening) QueueDesk reports. */
const KINDS: Array<[string, Kind]> = [
  ['waiting', 'waiting'],
  ['active', 'active'],
  ['delayed', 'delayed'],
  ['waiting-children', 'waiting-children'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['progress', 'progress'],
  ['removed', 'removed'],
  ['stalled', 'stalled'],
];

function toEvent(queue: string, prefix: string, kind: Kind, args: Record<string, unknown>): JobEvent {
  const event: JobEvent = { queue, prefix, id: String(args.jobId), kind, ts: Date.now() };
  if (kind === 'failed') event.failedReason = String(args.failedReason ?? '');
  if (kind === 'completed' && isSmall(args.returnvalue)) event.returnValue = args.returnvalue;
  if (kind === 'progress') event.progress = args.data;
  return event;
}

/** The id of the stream's newest entry, so reading starts exactly there (no gap before the first XREAD). */
async function streamTail(redis: Redis, key: string): Promise<string> {
  const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return last?.[0] ?? '0-0';
}

/** Follows one queue's event stream (its own blocking connection) and hands each job event to the sink. */
export async function watchQueue(
  options: RedisOptions,
  redis: Redis,
  prefix: string,
  queue: string,
  sink: JobEventSink,
  from: 'now' | 'start',
): Promise<() => Promise<void>> {
  const lastEventId = from === 'start' ? '0-0' : await streamTail(redis, `${prefix}:${queue}:events`);
  // Our own client, so stopping can always end it: QueueEvents.close() waits for ever while Redis is down.
  const client = blockingConnection(options);
  const events = new QueueEvents(queue, { connection: client as ConnectionOptions, prefix, lastEventId });
  events.on('error', () => undefined); // reconnects by itself
  for (const [name, kind] of KINDS) {
    events.on(name as 'waiting', (args: object) =>
      sink(toEvent(queue, prefix, kind, args as Record<string, unknown>)),
    );
  }
  try {
    await events.waitUntilReady();
  } catch (err) {
    client.disconnect();
    throw err;
  }
  return async () => {
    await Promise.race([
      events.close(),
      new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref()),
    ]);
    client.disconnect();
  };
}
