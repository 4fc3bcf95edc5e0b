import { serverOf, untilReady, type AnyRedis } from '../../../connection/any-redis';
import type { SharedOptions } from '../../../connection/client-factory';
import type { JobEvent } from '../../../../shared/contract/queues';
import type { FeedStart, JobEventSink } from '../../driver';
import { blockingConnection } from './connection';

/** One XREAD waits this long for any stream: idle, the feed costs Redis one call per period for all queues. */
const BLOCK_MS = 5000;
/** Entries per stream per read: a busy queue cannot starve the others of a turn. */
const COUNT = 500;
const RETRY_MS = 500;
const CLOSE_WAIT_MS = 1000;

/** Return values bigger than this stay out of events (jobs.get has them): thousands of events a second. */
const EVENT_VALUE_MAX_CHARS = 2000;

type Kind = JobEvent['kind'];

/** BullMQ event name → the state (or happening) QueueDesk reports; other events (drained, added…) are skipped. */
const KINDS = new Map<string, Kind>([
  ['waiting', 'waiting'],
  ['active', 'active'],
  ['delayed', 'delayed'],
  ['waiting-children', 'waiting-children'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['progress', 'progress'],
  ['removed', 'removed'],
  ['stalled', 'stalled'],
]);

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One entry of `<prefix>:<queue>:events` (BullMQ writes field/value pairs: event, jobId, …) as a job event. Its
 * time is the entry id's (when Redis wrote it), not when it was read: a batch read late, or replayed for a queue
 * just found, keeps the seconds it happened in (the per-second metrics count by it).
 */
export function toJobEvent(
  queue: string,
  prefix: string,
  fields: string[],
  entryId?: string,
): JobEvent | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  const kind = KINDS.get(f.event ?? '');
  if (!kind || f.jobId === undefined) return null;
  const written = Number(entryId?.split('-')[0]);
  const ts = Number.isFinite(written) && written > 0 ? written : Date.now();
  const event: JobEvent = { queue, prefix, id: f.jobId, kind, ts };
  if (kind === 'failed') event.failedReason = f.failedReason ?? '';
  if (kind === 'completed' && (f.returnvalue?.length ?? 0) <= EVENT_VALUE_MAX_CHARS)
    event.returnValue = parseJson(f.returnvalue);
  if (kind === 'progress') event.progress = parseJson(f.data);
  return event;
}

/** The id XREAD reads after: every entry, or every entry Redis wrote at or after that millisecond. */
function startId(from: Exclude<FeedStart, 'now'>): string {
  if (from === 'start') return '0-0';
  return from.sinceMs > 0 ? `${from.sinceMs - 1}-18446744073709551615` : '0-0';
}

interface Followed {
  queue: string;
  lastId: string;
  sinks: Set<JobEventSink>;
}

type XReadReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]> | null;

/**
 * Follows the event streams of every watched queue of one prefix with a single blocking connection: one
 * XREAD BLOCK over all their streams, so 1,000 queues cost one connection and, idle, one call per few seconds.
 * (BullMQ's QueueEvents would hold a connection per queue.) A queue added meanwhile joins the next read; its
 * position is fixed when it is added, so nothing written after that is missed.
 */
export class EventFeed {
  private readonly followed = new Map<string, Followed>();
  private reader: AnyRedis | null = null;
  /** CLIENT ID of the reader's connection, to unblock its read when a queue joins. */
  private readerId: number | null = null;
  private loop: Promise<void> | null = null;
  private stopped = false;
  private readonly tails = new Map<
    string,
    Array<{ resolve(id: string): void; reject(err: unknown): void }>
  >();

  constructor(
    private readonly options: SharedOptions,
    private readonly redis: AnyRedis,
    readonly prefix: string,
    /** How long one read blocks; a test makes it long so that a join the wake-up missed would show. */
    private readonly blockMs = BLOCK_MS,
  ) {}

  /** Starts delivering the queue's events to the sink, from where `from` says. */
  async add(queue: string, sink: JobEventSink, from: FeedStart): Promise<() => void> {
    const key = `${this.prefix}:${queue}:events`;
    let entry = this.followed.get(key);
    if (!entry) {
      const lastId = from === 'now' ? await this.tail(key) : startId(from);
      entry = this.followed.get(key);
      if (!entry) {
        entry = { queue, lastId, sinks: new Set() };
        this.followed.set(key, entry);
        this.wakeReader();
      }
    }
    entry.sinks.add(sink);
    this.run();
    const followed = entry;
    return () => {
      followed.sinks.delete(sink);
      if (followed.sinks.size === 0 && this.followed.get(key) === followed) this.followed.delete(key);
    };
  }

  /** How many queues are followed (for tests and figures). */
  get size(): number {
    return this.followed.size;
  }

  async close(): Promise<void> {
    this.stopped = true;
    const reader = this.reader;
    const live = reader?.status === 'ready';
    reader?.disconnect();
    // A client between reconnect attempts never settles its queued read once disconnected (ioredis 6: the socket
    // is gone already, so no close event flushes it), and the loop would wait on it: an app stop took 1 s more
    // with its Redis down. A live one ends the read at once; the bound stays as a backstop.
    if (!live) return;
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
  }

  /**
   * The id of the stream's newest entry, so reading starts exactly there. Asked for many queues at once (a
   * first listing of 1,000), the lookups go out as one pipeline.
   */
  private tail(key: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const waiting = this.tails.get(key) ?? [];
      waiting.push({ resolve, reject });
      this.tails.set(key, waiting);
      if (this.tails.size === 1 && waiting.length === 1) setImmediate(() => void this.flushTails());
    });
  }

  private async flushTails(): Promise<void> {
    const batch = [...this.tails];
    this.tails.clear();
    try {
      const replies =
        (await this.redis
          .pipeline(batch.map(([key]) => ['xrevrange', key, '+', '-', 'COUNT', '1']))
          .exec()) ?? [];
      batch.forEach(([, waiting], i) => {
        const [err, entries] = replies[i] ?? [new Error('no reply'), null];
        const id = (entries as Array<[string, string[]]> | null)?.[0]?.[0] ?? '0-0';
        for (const w of waiting) {
          if (err) w.reject(err);
          else w.resolve(id);
        }
      });
    } catch (err) {
      for (const [, waiting] of batch) for (const w of waiting) w.reject(err);
    }
  }

  /** A new stream joins at once: the blocked read returns (CLIENT UNBLOCK) and the next one includes it. */
  private wakeReader(): void {
    const [key] = this.followed.keys();
    if (this.readerId === null || key === undefined) return;
    // Sent to the server the read blocks on: on a cluster, the primary of the streams' slot.
    Promise.resolve()
      .then(() => serverOf(this.redis, key).client('UNBLOCK', this.readerId!))
      .catch(() => undefined);
  }

  private run(): void {
    if (this.loop || this.stopped || this.followed.size === 0) return;
    const reader = blockingConnection(this.options);
    this.reader = reader;
    this.loop = this.readForever(reader)
      .finally(() => {
        reader.disconnect();
        this.readerId = null;
        this.loop = null;
        // A queue added while the loop was ending must not wait for another add to be read.
        this.run();
      })
      .catch(() => undefined);
  }

  /**
   * On a cluster the streams must share a slot for one XREAD (the driver's prefix carries a hash tag, so they
   * do) and the read goes through that slot's primary: its connection is the one to name for CLIENT UNBLOCK.
   */
  private async readForever(reader: AnyRedis): Promise<void> {
    while (!this.stopped && this.followed.size > 0) {
      let reply: XReadReply;
      try {
        await untilReady(reader); // a cluster client knows the streams' node after this
        // Asked before the read (a blocked connection answers nothing else); the id changes on reconnect.
        this.readerId ??= Number(await serverOf(reader, this.followed.keys().next().value!).client('ID'));
        // The streams are listed after that await, so a queue added meanwhile is in this read.
        const keys = [...this.followed.keys()];
        const ids = keys.map((k) => this.followed.get(k)!.lastId);
        reply = (await reader.xread(
          'COUNT',
          COUNT,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...keys,
          ...ids,
        )) as XReadReply;
      } catch {
        this.readerId = null;
        if (this.stopped) break;
        await new Promise((r) => setTimeout(r, RETRY_MS));
        continue;
      }
      for (const [key, entries] of reply ?? []) this.deliver(key, entries);
    }
  }

  private deliver(key: string, entries: Array<[string, string[]]>): void {
    const followed = this.followed.get(key);
    if (!followed) return;
    for (const [id, fields] of entries) {
      followed.lastId = id;
      const event = toJobEvent(followed.queue, this.prefix, fields, id);
      if (event) for (const sink of followed.sinks) sink(event);
    }
  }
}
