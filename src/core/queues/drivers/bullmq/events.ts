import { QueueEvents } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { JobEvent } from '../../../../shared/contract/queues';
import type { JobEventSink } from '../../driver';
import { blockingOptions } from './connection';

type Kind = JobEvent['kind'];
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
  if (kind === 'completed') event.returnValue = args.returnvalue;
  if (kind === 'progress') event.progress = args.data;
  return event;
}

/** Follows one queue's event stream (its own blocking connection) and hands each job event to the sink. */
export async function watchQueue(
  options: RedisOptions,
  prefix: string,
  queue: string,
  sink: JobEventSink,
): Promise<() => Promise<void>> {
  const events = new QueueEvents(queue, { connection: blockingOptions(options), prefix });
  events.on('error', () => undefined); // reconnects by itself
  for (const [name, kind] of KINDS) {
    events.on(name as 'waiting', (args: object) =>
      sink(toEvent(queue, prefix, kind, args as Record<string, unknown>)),
    );
  }
  await events.waitUntilReady();
  return () => events.close();
}
