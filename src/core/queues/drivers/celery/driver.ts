import { randomUUID } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';
import type {
  CleanableState,
  ControlReply,
  FlowResult,
  JobDetail,
  JobEvent,
  JobPage,
  QueueSummary,
  WorkerSummary,
} from '../../../../shared/contract/queues';
import type { TaskList } from '../../../../shared/contract/processes';
import type { JobState } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import type {
  CopiesPlan,
  GuardedSend,
  FlowSpec,
  JobEventSink,
  JobQuery,
  ListQueuesOptions,
  QueueDriver,
  TaskSpec,
} from '../../driver';
import { serverConnection } from '../bullmq/connection';
import { archiveSeen, type SeenMessage } from './archive';
import { findWaiting, listWaiting, summaryOf } from './browse';
import { CELERY_CAPABILITIES } from './capabilities';
import { cast } from './control';
import { decodeMessage } from './decode';
import { BindingKeys, bucketLengths, boundQueues, summarizeCelery } from './discovery';
import { CeleryEventHub } from './events';
import { readEvents } from './event-history';
import { planFlow } from './flows';
import { celeryDetail, type Sighting } from './job-detail';
import { celeryKeys } from './keys';
import { buildMessage, copyAs, resendAs, type CeleryMessage } from './message';
import { pushMessages } from './producer';
import { pushGuarded } from './guarded-send';
import { readMeta } from './results';
import { retrySource } from './retry-source';
import { resizePool, setRateLimit } from './remote-acts';
import { readUnacked } from './unacked';
import { listCeleryTasks, listCeleryWorkers, nodesOf } from './workers';
import { WorkerPresence } from './worker-presence';

function unsupported(what: string): never {
  throw new ApiError('UNSUPPORTED', `the celery driver does not support ${what}`);
}

/** QueueDesk's peer of Celery workers on kombu's Redis transport and Celery's Redis result backend. */
export class CeleryDriver implements QueueDriver {
  readonly kind = 'celery' as const;
  readonly prefix = '';
  readonly capabilities = CELERY_CAPABILITIES;
  private readonly redis: Redis;
  private readonly db: number;
  private readonly bindings = new BindingKeys();
  readonly events: CeleryEventHub;
  readonly presence: WorkerPresence;

  constructor(options: RedisOptions) {
    this.redis = serverConnection(options);
    this.db = options.db ?? 0;
    this.events = new CeleryEventHub(this.redis, this.db);
    this.presence = new WorkerPresence(this.redis, this.db, this.events.heartbeats);
  }

  /** A live view's poll reuses the binding keys found in the last minute; a listing asked for walks again. */
  async listQueues(options: ListQueuesOptions = {}): Promise<QueueSummary[]> {
    const keys = await this.bindings.get(this.redis, options.poll !== true);
    const [names, reserved] = await Promise.all([boundQueues(this.redis, keys), readUnacked(this.redis)]);
    // Worker counts come from a cached active_queues answer, re-asked in the background (not per listing).
    if (names.length > 0) this.presence.refreshIfStale();
    return Promise.all(
      names.map(async (n) => ({
        ...summarizeCelery(n, await bucketLengths(this.redis, n), reserved.get(n) ?? []),
        workers: this.presence.countFor(n),
      })),
    );
  }

  async getQueue(queue: string): Promise<QueueSummary> {
    const [lengths, reserved, bound] = await Promise.all([
      bucketLengths(this.redis, queue),
      readUnacked(this.redis),
      this.redis.sismember(celeryKeys.binding(queue), celeryKeys.bindingMember(queue)),
    ]);
    const mine = reserved.get(queue) ?? [];
    if (
      !bound &&
      mine.length === 0 &&
      lengths.every((n) => n === 0) &&
      !(await boundQueues(this.redis, await this.bindings.get(this.redis, false))).includes(queue)
    ) {
      throw new ApiError('NOT_FOUND', `no Celery queue "${queue}" on this Redis`);
    }
    return summarizeCelery(queue, lengths, mine);
  }

  async listWorkers(queue: string): Promise<WorkerSummary[]> {
    await this.getQueue(queue);
    await this.events.start(); // heartbeats from now on
    return listCeleryWorkers(this.redis, this.db, queue, this.events.heartbeats);
  }

  async resizePool(queue: string, hostname: string, delta: number): Promise<ControlReply[]> {
    await this.getQueue(queue);
    return resizePool(this.redis, this.db, hostname, delta);
  }

  /** Only the queue's workers get the limit: another queue's workers may run the same task name unlimited. */
  async setRateLimit(queue: string, task: string, rate: string): Promise<ControlReply[]> {
    await this.getQueue(queue);
    const nodes = await nodesOf(this.redis, this.db, queue);
    if (!nodes || nodes.size === 0) throw new ApiError('NOT_FOUND', `no Celery worker consumes "${queue}"`);
    return setRateLimit(this.redis, this.db, task, rate, [...nodes]);
  }

  eventHistory(queue: string | undefined, limit: number): Promise<JobEvent[]> {
    return readEvents(this.redis, queue, limit);
  }

  listTasks(queue?: string): Promise<TaskList> {
    return listCeleryTasks(this.redis, this.db, queue);
  }

  pause(): Promise<void> {
    return Promise.reject(new ApiError('UNSUPPORTED', 'Celery queues cannot be paused from Redis'));
  }

  resume(): Promise<void> {
    return this.pause();
  }

  clean(_q: string, _s: CleanableState): Promise<number> {
    return Promise.reject(new ApiError('UNSUPPORTED', 'the celery driver does not support cleaning by age'));
  }

  /** Purges the waiting lists (every priority); reserved messages stay with their workers. */
  async drain(queue: string): Promise<void> {
    await this.purge(queue);
  }

  async purge(queue: string): Promise<number> {
    await this.getQueue(queue);
    const multi = this.redis.multi();
    for (const key of celeryKeys.buckets(queue)) multi.llen(key);
    for (const key of celeryKeys.buckets(queue)) multi.del(key);
    const res = (await multi.exec()) ?? [];
    return res.slice(0, 4).reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
  }

  async obliterate(queue: string, force: boolean): Promise<number> {
    const { counts } = await this.getQueue(queue);
    if ((counts.active ?? 0) + (counts.delayed ?? 0) > 0 && !force) {
      throw new ApiError(
        'CONFLICT',
        `queue "${queue}" has tasks reserved by workers; pass force to delete it anyway`,
      );
    }
    const purged = await this.purge(queue);
    await this.redis.srem(celeryKeys.binding(queue), celeryKeys.bindingMember(queue));
    return purged;
  }

  async listJobs(queue: string, query: JobQuery): Promise<JobPage> {
    const lengths = await bucketLengths(this.redis, queue);
    if (query.state === 'waiting') {
      await this.getQueue(queue);
      const seen: SeenMessage[] = [];
      const page = await listWaiting(this.redis, queue, query, lengths, seen);
      await archiveSeen(this.redis, seen);
      return page;
    }
    if (query.state !== 'active' && query.state !== 'delayed') unsupported(`listing ${query.state} jobs`);
    await this.getQueue(queue);
    const wanted = query.state === 'delayed';
    const needle = query.search?.toLowerCase();
    const reserved = ((await readUnacked(this.redis)).get(queue) ?? []).filter((r) => r.scheduled === wanted);
    await archiveSeen(
      this.redis,
      reserved.filter((r) => !r.message.broken).map((r) => ({ id: r.message.id, raw: r.raw })),
    );
    const rows = reserved
      .sort((a, b) => (query.order === 'newest' ? b.sinceMs - a.sinceMs : a.sinceMs - b.sinceMs))
      .map((r) => summaryOf(queue, r.message, query.state))
      .filter((j) => !needle || `${j.id}\n${j.task}\n${j.argsPreview}`.toLowerCase().includes(needle));
    return { jobs: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
  }

  private async sighting(queue: string, id: string): Promise<Sighting> {
    const waiting = await findWaiting(this.redis, queue, id);
    if (waiting) {
      if (!waiting.message.broken) await archiveSeen(this.redis, [{ id, raw: waiting.raw }]);
      return { message: waiting.message, where: 'waiting' };
    }
    const reserved = ((await readUnacked(this.redis)).get(queue) ?? []).find((r) => r.message.id === id);
    if (reserved) {
      if (!reserved.message.broken) await archiveSeen(this.redis, [{ id, raw: reserved.raw }]);
      return { message: reserved.message, where: 'reserved', reserved };
    }
    const archived = await this.redis.hget(celeryKeys.sentArchive, id);
    if (archived) return { message: decodeMessage(archived), where: 'archive' };
    return { message: null, where: 'none' };
  }

  async getJob(queue: string, id: string): Promise<JobDetail> {
    const [seen, meta] = await Promise.all([this.sighting(queue, id), readMeta(this.redis, id)]);
    if (seen.where === 'none' && !meta)
      throw new ApiError('NOT_FOUND', `no Celery task "${id}" in queue "${queue}"`);
    return celeryDetail(this.redis, queue, id, seen, meta);
  }

  private async push(queue: string, messages: CeleryMessage[]): Promise<void> {
    await pushMessages(
      this.redis,
      messages.map((message) => ({ queue, message })),
    );
    for (const m of messages) this.events.remember(m.headers.id, queue, true);
    this.bindings.add(queue);
  }

  async addJob(queue: string, spec: TaskSpec): Promise<string> {
    const message = buildMessage({ ...spec, queue });
    await this.push(queue, [message]);
    return message.headers.id;
  }

  async addJobGuarded(queue: string, spec: TaskSpec, guard: GuardedSend): Promise<number> {
    const message = buildMessage({ ...spec, queue });
    const sent = await pushGuarded(this.redis, queue, message, guard);
    if (sent === 1) {
      this.events.remember(message.headers.id, queue, true);
      this.bindings.add(queue);
    }
    return sent;
  }

  /** Copies go out pipelined, one pipeline per batch; a jobId gets -1, -2… as in the BullMQ driver. */
  async addCopies(
    queue: string,
    spec: TaskSpec,
    plan: CopiesPlan,
  ): Promise<{ firstId: string; lastId: string }> {
    let firstId = '';
    let lastId = '';
    const base = spec.options?.jobId;
    const template = buildMessage({ ...spec, queue });
    for (let done = 0; done < plan.count;) {
      const n = Math.min(plan.batchSize, plan.count - done);
      const batch = Array.from({ length: n }, (_, i) =>
        copyAs(template, base ? `${base}-${done + i + 1}` : randomUUID()),
      );
      await this.push(queue, batch);
      firstId ||= batch[0]?.headers.id ?? '';
      lastId = batch[batch.length - 1]?.headers.id ?? lastId;
      done += n;
      plan.onProgress(done);
    }
    return { firstId, lastId };
  }

  /** Re-sends a finished task's original message under a new id (Celery has no retry-from-outside). */
  async retryJob(queue: string, id: string): Promise<{ id: string; state: JobState }> {
    const original = await retrySource(this.redis, queue, id, await readMeta(this.redis, id));
    const again = resendAs(original);
    await this.push(
      String(
        again.properties.delivery_info &&
          (again.properties.delivery_info as { routing_key: string }).routing_key,
      ) || queue,
      [again],
    );
    return { id: again.headers.id, state: 'waiting' };
  }

  /** Deletes one waiting message; a reserved one belongs to a worker (revoke it instead). */
  async removeJob(queue: string, id: string): Promise<boolean> {
    await this.getQueue(queue);
    const found = await findWaiting(this.redis, queue, id);
    if (!found) {
      const seen = await this.sighting(queue, id);
      if (seen.where === 'reserved')
        throw new ApiError('CONFLICT', `task "${id}" is reserved by a worker; revoke it instead`);
      throw new ApiError('NOT_FOUND', `no waiting Celery task "${id}" in queue "${queue}"`);
    }
    // Forgotten by QueueDesk too: a removed task is not shown again from its archived copy.
    const [[, removed]] = ((await this.redis
      .multi()
      .lrem(found.key, 1, found.raw)
      .hdel(celeryKeys.sentArchive, id)
      .zrem(celeryKeys.sentIndex, id)
      .exec()) ?? [[null, 0]]) as Array<[Error | null, unknown]>;
    return removed === 1;
  }

  promoteJob(): Promise<JobState> {
    return Promise.reject(new ApiError('UNSUPPORTED', 'the celery driver does not support promoting'));
  }

  retryAll(): Promise<number> {
    return Promise.reject(
      new ApiError('UNSUPPORTED', 'the celery driver cannot list finished tasks per queue'),
    );
  }

  promoteAll(): Promise<number> {
    return this.promoteJob().then(() => 0);
  }

  /** Broadcasts a revoke, as `celery control revoke` does; workers drop it on arrival or kill it when running. */
  async revokeJob(_queue: string, id: string, terminate: boolean, signal: string): Promise<void> {
    await cast(this.redis, this.db, 'revoke', { task_id: id, terminate, signal });
  }

  async addFlow(flow: FlowSpec): Promise<FlowResult> {
    const planned = planFlow(flow);
    await pushMessages(this.redis, planned.outgoing, {
      later: planned.later,
      before: (pipe) => {
        if (planned.chord) {
          const { groupId, size } = planned.chord;
          pipe.setex(celeryKeys.chordSize(groupId), 86_400, String(size));
        }
        if (planned.group) {
          const { groupId, ids } = planned.group;
          const tuple = [[groupId, null], ids.map((i) => [[i, null], null])];
          pipe.setex(celeryKeys.groupMeta(groupId), 86_400, JSON.stringify({ result: tuple }));
        }
      },
    });
    for (const o of planned.outgoing) {
      this.events.remember(o.message.headers.id, o.queue, true);
      this.bindings.add(o.queue);
    }
    for (const m of planned.later)
      this.events.remember(
        m.headers.id,
        String((m.properties.delivery_info as { routing_key: string }).routing_key),
        true,
      );
    return planned.result;
  }

  async watch(queues: string[], sink: JobEventSink): Promise<() => Promise<void>> {
    const stops = await Promise.all(queues.map((q) => this.events.add(q, sink)));
    return async () => void (await Promise.all(stops.map((s) => s())));
  }

  async close(): Promise<void> {
    await this.events.close();
    this.redis.disconnect();
  }
}
