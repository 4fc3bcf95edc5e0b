import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { EngineName } from '../../shared/contract/engines';
import type { ChildLogLine } from '../processes/messages';
import type { QueueDriver } from '../queues/driver';
import { engineRegistry } from '../queues/engines';
import { beatKeys, tickJobId } from './keys';
import { acquireLock, claimTick, markTickSent, releaseLock, renewLock, unmarkTickSent } from './lua';
import { ScheduleStore, type StoredSchedule } from './store';
import { nextFire } from './trigger';

export interface BeatOptions {
  redis: Redis;
  /** BullMQ prefix of the queues it enqueues into (Celery queues have none). */
  prefix: string;
  lockTtlMs?: number;
  pollMs?: number;
  log(line: ChildLogLine): void;
  /** Called after ticks fired, so the UI can refresh last/next run. */
  onFired?(count: number): void;
  /** Called when this beat takes or loses the lead. */
  onLeadership?(leader: boolean): void;
}

/**
 * The beat loop. Every beat on a Redis runs it; only the holder of the lock fires. A tick is enqueued with a
 * job id made of the schedule id and its due time, then claimed with a compare-and-set of the schedule's state:
 * a beat that lost the lock meanwhile can at worst re-add a job that already exists, which BullMQ ignores (a
 * Celery worker would run that message twice under the same task id). Ticks go out through the engine's driver,
 * so a Celery tick is the very message `jobs.add` sends, as Celery Beat's `apply_async` would.
 */
export class BeatRunner {
  readonly token = randomUUID();
  leader = false;
  fired = 0;
  errors = 0;
  private readonly store: ScheduleStore;
  private readonly drivers = new Map<EngineName, QueueDriver>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastError = '';
  private readonly ttl: number;
  private readonly poll: number;

  constructor(private readonly opts: BeatOptions) {
    this.store = new ScheduleStore(opts.redis);
    this.ttl = opts.lockTtlMs ?? 5000;
    this.poll = opts.pollMs ?? Math.min(200, Math.floor(this.ttl / 4));
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.leader) await releaseLock(this.opts.redis, this.token).catch(() => undefined);
    this.leader = false;
    await Promise.all([...this.drivers.values()].map((d) => d.close()));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      let wait = this.poll;
      this.running = this.step()
        .then((nextDue) => {
          this.lastError = '';
          // Wake up right at the next due time when it comes before the next poll.
          if (nextDue !== null) wait = Math.max(1, Math.min(this.poll, nextDue - Date.now()));
        })
        .catch((err: unknown) => {
          this.errors++;
          const message = `beat: ${err instanceof Error ? err.message : String(err)}`;
          // While Redis is away every round fails the same way: say it once, not five times a second.
          if (message !== this.lastError) this.log('error', message);
          this.lastError = message;
        })
        .finally(() => {
          this.running = null;
          this.schedule(wait);
        });
    }, ms);
  }

  /** One round: keep or take the lock; if leading, fire what is due. Returns the earliest next due time. */
  private async step(): Promise<number | null> {
    const { redis } = this.opts;
    const was = this.leader;
    this.leader = was
      ? await renewLock(redis, this.token, this.ttl)
      : await acquireLock(redis, this.token, this.ttl);
    if (this.leader !== was) this.opts.onLeadership?.(this.leader);
    if (this.leader !== was)
      this.log(
        this.leader ? 'info' : 'warn',
        this.leader ? 'leading: this beat fires the schedules' : 'lost the beat lock; standing by',
      );
    if (!this.leader) return null;
    const now = Date.now();
    const active = (await this.store.readAll()).filter((s) => s.def.enabled && s.state.nextRunAt !== null);
    let fired = 0;
    let nextDue: number | null = null;
    for (const s of active) {
      const due = s.state.nextRunAt as number;
      if (due > now) nextDue = Math.min(nextDue ?? due, due);
      else if (await this.fire(s, now)) fired++;
    }
    if (fired) {
      this.opts.onFired?.(fired);
      await redis.publish(beatKeys.changed, 'fired');
    }
    return nextDue;
  }

  /** Enqueues the tick that was due (one, however many were missed) and moves the schedule to its next time. */
  private async fire(s: StoredSchedule, now: number): Promise<boolean> {
    const due = s.state.nextRunAt as number;
    await this.send(s.def, due);
    const next = {
      lastRunAt: now,
      nextRunAt: nextFire(s.def.trigger, now, s.def.anchor),
      runCount: s.state.runCount + 1,
    };
    const claimed = await claimTick(
      this.opts.redis,
      this.token,
      s.def.id,
      s.rawState ?? '',
      JSON.stringify(next),
    );
    if (claimed !== 1) return false;
    this.fired++;
    const late = now - due;
    const missed =
      late > 1000 ? ` (due ${new Date(due).toISOString()}, missed runs coalesced into this one)` : '';
    this.log(
      'info',
      `fired ${s.def.id}: ${s.def.task} → ${s.def.engine === 'bullmq' ? '' : `${s.def.engine}:`}${s.def.queue}${missed}`,
    );
    return true;
  }

  /** Sends one tick; where the engine would run a repeated job id twice, a tick already sent is skipped. */
  private async send(def: StoredSchedule['def'], due: number): Promise<void> {
    const { id, task, args, kwargs, options, engine, queue } = def;
    const dedupes = engineRegistry[engine].capabilities.options.dedupe;
    if (!dedupes && !(await markTickSent(this.opts.redis, id, due))) return;
    try {
      await this.driver(engine).addJob(queue, {
        task,
        args,
        ...(kwargs ? { kwargs } : {}),
        options: { ...options, jobId: tickJobId(id, due) },
      });
    } catch (err) {
      if (!dedupes) await unmarkTickSent(this.opts.redis, id, due).catch(() => undefined);
      throw err;
    }
  }

  private driver(engine: EngineName): QueueDriver {
    let d = this.drivers.get(engine);
    if (!d) {
      d = engineRegistry[engine].make(this.opts.redis.options, this.opts.prefix);
      this.drivers.set(engine, d);
    }
    return d;
  }

  private log(level: ChildLogLine['level'], line: string): void {
    this.opts.log({ ts: Date.now(), level, line });
  }
}
