import type { Redis } from 'ioredis';
import type { JobEvent } from '../../../../shared/contract/queues';
import type { JobEventSink } from '../../driver';
import { openEnvelope } from './envelope';
import { archiveSeen } from './archive';
import { storeEvents } from './event-history';
import { copyFromReceived } from './received-copy';
import { findReserved } from './reserved-lookup';
import { celeryKeys } from './keys';
import type { Heartbeat } from './workers';

const QUEUE_MEMORY = 50_000;
/** Delivery tags remembered to drop the second copy of an event sent on both fanout channels. */
const TAG_MEMORY = 1000;

const KINDS: Record<string, JobEvent['kind']> = {
  'task-sent': 'waiting',
  'task-received': 'waiting',
  'task-started': 'active',
  'task-succeeded': 'completed',
  'task-failed': 'failed',
  'task-retried': 'delayed',
  'task-revoked': 'failed',
  'task-rejected': 'failed',
};

type CeleryEvent = Record<string, unknown> & { type: string };

/**
 * One PSUBSCRIBE to `/<db>.celeryev/*` (as Flower's EventReceiver) and to the Sentinel transport's `/{db}.celeryev/*`
 * of kombu < 5.4 (keys.ts fanoutPrefixes), fanned out to per-queue sinks. Celery task
 * events name no queue after task-sent, so the queue of a task id is remembered from task-sent, from QueueDesk's
 * own sends, or looked up in the unacked hash when a worker reports receiving it.
 */
export class CeleryEventHub {
  private sub: Redis | null = null;
  private readonly sinks = new Map<string, Set<JobEventSink>>();
  private readonly queueOf = new Map<string, string>();
  private readonly kept = new Set<string>();
  private readonly tags = new Set<string>();
  readonly heartbeats = new Map<string, Heartbeat>();
  /** Task events seen (any queue), for the benchmark and status. */
  seen = 0;

  constructor(
    private readonly redis: Redis,
    private readonly db: number,
  ) {}

  /** `kept`: the message is in QueueDesk's archive already (it sent it), so its receipt need not look it up. */
  remember(id: string, queue: string, kept = false): void {
    this.queueOf.set(id, queue);
    if (this.queueOf.size > QUEUE_MEMORY) this.queueOf.delete(this.queueOf.keys().next().value as string);
    if (!kept) return;
    this.kept.add(id);
    if (this.kept.size > QUEUE_MEMORY) this.kept.delete(this.kept.values().next().value as string);
  }

  async add(queue: string, sink: JobEventSink): Promise<() => Promise<void>> {
    const set = this.sinks.get(queue) ?? new Set();
    set.add(sink);
    this.sinks.set(queue, set);
    await this.start();
    return async () => {
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(queue);
    };
  }

  async start(): Promise<void> {
    if (this.sub) return;
    const sub = this.redis.duplicate();
    sub.on('error', () => undefined);
    this.sub = sub;
    sub.on('pmessage', (_p: string, _c: string, text: string) => void this.receive(text));
    await sub.psubscribe(...celeryKeys.eventsPatterns(this.db));
  }

  private async receive(text: string): Promise<void> {
    const opened = openEnvelope(text);
    if (!opened || this.again(opened.deliveryTag)) return;
    // Prefork workers batch task events into one array on task.multi (protocol §4.2).
    const events = (Array.isArray(opened.body) ? opened.body : [opened.body]) as CeleryEvent[];
    const out: Array<[string, JobEvent]> = [];
    const tasks: Array<[CeleryEvent & { uuid: string }, JobEvent['kind']]> = [];
    for (const e of events) {
      if (!e || typeof e.type !== 'string') continue;
      if (e.type.startsWith('worker-')) this.heartbeat(e);
      const kind = KINDS[e.type];
      if (!kind || typeof e.uuid !== 'string') continue;
      this.seen++;
      if (typeof e.queue === 'string') this.remember(e.uuid, e.queue);
      tasks.push([e as CeleryEvent & { uuid: string }, kind]);
    }
    await this.captureReceived(tasks.map(([e]) => e));
    for (const [e, kind] of tasks) {
      const queue = this.queueOf.get(e.uuid) ?? '';
      out.push([queue, toJobEvent(e, kind, queue)]);
    }
    if (out.length === 0) return;
    for (const [queue, event] of out) for (const sink of this.sinks.get(queue) ?? []) sink(event);
    await storeEvents(
      this.redis,
      out.map(([, e]) => e),
    );
  }

  /** Whether this delivery tag came already (a kombu ≥ 5.4 in Sentinel compat mode publishes on both channels). */
  private again(tag: string | undefined): boolean {
    if (!tag) return false;
    if (this.tags.has(tag)) return true;
    this.tags.add(tag);
    if (this.tags.size > TAG_MEMORY) this.tags.delete(this.tags.values().next().value as string);
    return false;
  }

  private heartbeat(e: CeleryEvent): void {
    const host = String(e.hostname ?? '');
    const last = this.heartbeats.get(host);
    if (e.type === 'worker-offline') {
      if (last) last.offline = true;
      return;
    }
    this.heartbeats.set(host, {
      freqSec: typeof e.freq === 'number' && e.freq > 0 ? e.freq : 2,
      offline: false,
      ts: Math.round(Number(e.timestamp ?? 0) * 1000),
      processed: typeof e.processed === 'number' ? e.processed : null,
      active: typeof e.active === 'number' ? e.active : null,
      pid: typeof e.pid === 'number' ? e.pid : null,
    });
  }

  /**
   * A worker has just put each received message in unacked: its routing key is the queue (task events name
   * none), and the message itself is kept so the task can be retried later (without result_extended).
   */
  private async captureReceived(events: Array<CeleryEvent & { uuid: string }>): Promise<void> {
    const ids = events
      .filter((e) => !this.kept.has(e.uuid) && (e.type === 'task-received' || !this.queueOf.has(e.uuid)))
      .map((e) => e.uuid);
    if (ids.length === 0) return;
    try {
      const found = await findReserved(this.redis, ids);
      for (const [id, { queue }] of found) this.remember(id, queue);
      const copies = [...found].map(([id, { raw }]) => ({ id, raw }));
      // Acknowledged already (the task started at once): rebuilt from the event's own repr of the args.
      for (const e of events) {
        if (e.type !== 'task-received' || found.has(e.uuid) || this.kept.has(e.uuid)) continue;
        const copy = copyFromReceived(e, this.queueOf.get(e.uuid) ?? '');
        if (copy) copies.push(copy);
      }
      await archiveSeen(this.redis, copies);
    } catch {
      // unknown queue: the event still counts and is kept in history
    }
  }

  async close(): Promise<void> {
    this.sub?.disconnect();
    this.sub = null;
  }
}

function toJobEvent(e: CeleryEvent, kind: JobEvent['kind'], queue: string): JobEvent {
  const event: JobEvent = {
    queue,
    prefix: '',
    id: e.uuid as string,
    kind,
    ts: Math.round(Number(e.timestamp ?? Date.now() / 1000) * 1000),
  };
  if (typeof e.name === 'string') event.task = e.name;
  if (e.type === 'task-failed') event.failedReason = String(e.exception ?? 'failed');
  if (e.type === 'task-revoked') event.failedReason = e.expired ? 'expired' : 'revoked';
  if (e.type === 'task-succeeded' && typeof e.result === 'string' && e.result.length <= 2000)
    event.returnValue = e.result;
  return event;
}
