import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AnyRedis } from '../connection/any-redis';
import type { SharedOptions } from '../connection/client-factory';
import type { EngineName } from '../../shared/contract/engines';
import type { ChildLogLine } from '../processes/messages';
import type { GuardedSend, QueueDriver, TaskSpec } from '../queues/driver';
import { engineRegistry } from '../queues/engines';
import { beatKeys, tickJobId } from './keys';
import { acquireLock, releaseLock, renewLock } from './lua';
import { ScheduleStore, type ScheduleDef } from './store';
import { fireTick, type TickDeps } from './tick';
import { beatSpace } from './members';
import { announceIn, machineName, type Announcement } from '../presence/announcer';
import type { BeatMember } from '../../shared/contract/presence';

export interface BeatOptions {
  redis: AnyRedis;
  /** What the engines' drivers connect with; `redis`'s own options when left out (not on a cluster). */
  connection?: SharedOptions;
  /** BullMQ prefix of the queues it enqueues into (Celery queues have none). */
  prefix: string;
  lockTtlMs?: number;
  pollMs?: number;
  log(line: ChildLogLine): void;
  /** Called after ticks fired, so the UI can refresh last/next run. */
  onFired?(count: number): void;
  /** Called when this beat takes or loses the lead. */
  onLeadership?(leader: boolean): void;
  /** How it was started, as its announcement shows: from the app (default) or `queuedesk beat`. */
  via?: BeatMember['via'];
  /** Test hook between a tick's writes (tick.ts). */
  tickHook?: TickDeps['at'];
}

/**
 * The beat loop. Every beat on a Redis runs it; only the holder of the lock fires, and each tick is claimed in
 * Redis before it is sent (tick.ts), so no tick goes out twice even while two beats believe they lead. Every
 * beat announces itself (host, pid, since when it leads) so any QueueDesk on the Redis shows leader and
 * standbys. Ticks go out through the engine's driver, so a Celery tick is the very message `jobs.add` sends, as
 * Celery Beat's `apply_async` would.
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
  private readonly startedAt = Date.now();
  private leaderSince: number | null = null;
  private announcement: Announcement | null = null;
  private readonly tickDeps: TickDeps;

  constructor(private readonly opts: BeatOptions) {
    this.store = new ScheduleStore(opts.redis);
    this.ttl = opts.lockTtlMs ?? 5000;
    this.poll = opts.pollMs ?? Math.min(200, Math.floor(this.ttl / 4));
    this.tickDeps = {
      redis: opts.redis,
      token: this.token,
      send: (def, due) => this.send(def, due),
      sendGuarded: (def, due) => this.sendGuarded(def, due),
      queueKey: (def) => `${opts.prefix}:${def.queue}`,
      log: (level, line) => this.log(level, line),
      ...(opts.tickHook ? { at: opts.tickHook } : {}),
    };
  }

  start(): void {
    this.announcement = announceIn(beatSpace(this.ttl), this.opts.redis, this.token, () => this.member());
    this.schedule(0);
  }

  /** What this beat announces about itself. */
  member(): BeatMember {
    return {
      token: this.token,
      host: machineName(),
      pid: process.pid,
      via: this.opts.via ?? 'app',
      startedAt: this.startedAt,
      heartbeatAt: Date.now(),
      leaderSince: this.leader ? this.leaderSince : null,
      lockTtlMs: this.ttl,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (this.leader) await releaseLock(this.opts.redis, this.token).catch(() => undefined);
    this.leader = false;
    await this.announcement?.stop();
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
    if (this.leader !== was) await this.leadershipChanged();
    if (!this.leader) return null;
    const now = Date.now();
    const active = (await this.store.readAll()).filter((s) => s.def.enabled && s.state.nextRunAt !== null);
    let fired = 0;
    let nextDue: number | null = null;
    for (const s of active) {
      const due = s.state.nextRunAt as number;
      if (due > now) nextDue = Math.min(nextDue ?? due, due);
      else if (await fireTick(this.tickDeps, s, now)) fired++;
    }
    this.fired += fired;
    if (fired) {
      this.opts.onFired?.(fired);
      await redis.publish(beatKeys.changed, 'fired');
    }
    return nextDue;
  }

  /** Enqueues one tick with a job id made of the schedule and its due time. */
  private async send(def: ScheduleDef, due: number): Promise<void> {
    await this.driver(def.engine).addJob(def.queue, this.tickSpec(def, due));
  }

  private tickSpec(def: ScheduleDef, due: number): TaskSpec {
    const { task, args, kwargs, options } = def;
    return {
      task,
      args,
      ...(kwargs ? { kwargs } : {}),
      options: { ...options, jobId: tickJobId(def.id, due) },
    };
  }

  /** The tick sent in one script with its record, where the engine's driver can (see tick.ts). */
  private sendGuarded(def: ScheduleDef, due: number): ((guard: GuardedSend) => Promise<number>) | null {
    const driver = this.driver(def.engine);
    const addGuarded = driver.addJobGuarded?.bind(driver);
    return addGuarded ? (guard) => addGuarded(def.queue, this.tickSpec(def, due), guard) : null;
  }

  private driver(engine: EngineName): QueueDriver {
    let d = this.drivers.get(engine);
    if (!d) {
      d = engineRegistry[engine].make(
        this.opts.connection ?? (this.opts.redis as Redis).options,
        this.opts.prefix,
      );
      this.drivers.set(engine, d);
    }
    return d;
  }

  private async leadershipChanged(): Promise<void> {
    this.leaderSince = this.leader ? Date.now() : null;
    this.opts.onLeadership?.(this.leader);
    this.log(
      this.leader ? 'info' : 'warn',
      this.leader
        ? `leading on ${machineName()} (pid ${process.pid}): this beat fires the schedules`
        : 'lost the beat lock; standing by',
    );
    await this.announcement?.writeNow();
    // Every QueueDesk on this Redis refreshes its beat view at once, not at its next poll.
    await this.opts.redis.publish(beatKeys.changed, 'leader');
  }

  private log(level: ChildLogLine['level'], line: string): void {
    this.opts.log({ ts: Date.now(), level, line });
  }
}
