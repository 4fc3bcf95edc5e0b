import { randomUUID } from 'node:crypto';
import type { AnyRedis } from '../connection/any-redis';
import type { Schedule, ScheduleInput, Trigger } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { requireTaskSupported } from '../queues/capabilities';
import { engineRegistry } from '../queues/engines';
import { beatKeysOf, type BeatKeys } from './keys';
import { checkTrigger, nextFire } from './trigger';

/** The definition part of a schedule, as stored. `anchor` fixes the phase of `every` triggers. */
export type ScheduleDef = Omit<Schedule, 'lastRunAt' | 'nextRunAt' | 'runCount'> & { anchor: number };
export interface RunState {
  lastRunAt: number | null;
  nextRunAt: number | null;
  runCount: number;
}
export interface StoredSchedule {
  def: ScheduleDef;
  state: RunState;
  /** The state exactly as read: the compare value for the leader's claim. */
  rawState: string | null;
}

interface Trashed {
  def: ScheduleDef;
  state: RunState;
  removedAt: number;
}

const TRASH_DAYS = 7;

export type SchedulePatch = Partial<
  Pick<Schedule, 'task' | 'queue' | 'engine' | 'args' | 'kwargs' | 'options' | 'trigger' | 'enabled'>
>;

/** Schedules in Redis, shared by every app instance and beat process on that Redis. */
export class ScheduleStore {
  private readonly keys: BeatKeys;

  constructor(private readonly redis: AnyRedis) {
    this.keys = beatKeysOf(redis);
  }

  async readAll(): Promise<StoredSchedule[]> {
    const [defs, states] = await Promise.all([
      this.redis.hgetall(this.keys.schedules),
      this.redis.hgetall(this.keys.state),
    ]);
    return Object.entries(defs)
      .map(([id, json]) => {
        const rawState = states[id] ?? null;
        const state: RunState = rawState
          ? JSON.parse(rawState)
          : { lastRunAt: null, nextRunAt: null, runCount: 0 };
        return { def: parseDef(json), state, rawState };
      })
      .sort((a, b) => a.def.createdAt - b.def.createdAt || a.def.id.localeCompare(b.def.id));
  }

  async list(): Promise<Schedule[]> {
    return (await this.readAll()).map(toSchedule);
  }

  async get(id: string): Promise<Schedule> {
    return toSchedule(await this.read(id));
  }

  async add(input: ScheduleInput, source: Schedule['source'], now = Date.now()): Promise<Schedule> {
    checkTrigger(input.trigger);
    rejectPastAt(input.trigger, now);
    const id = input.id ?? randomUUID();
    checkEngineSupports(input);
    const def: ScheduleDef = {
      id,
      ...definitionOf(input),
      source,
      createdAt: now,
      updatedAt: now,
      anchor: now,
    };
    const state = freshState(def, now);
    const added = await this.redis.hsetnx(this.keys.schedules, id, JSON.stringify(def));
    if (!added) throw new ApiError('CONFLICT', `id: a schedule "${id}" already exists`);
    await this.redis.hset(this.keys.state, id, JSON.stringify(state));
    return toSchedule({ def, state, rawState: null });
  }

  /** Edits a schedule; a new trigger or re-enabling starts its timing over from now (no catch-up). */
  async update(id: string, patch: SchedulePatch, now = Date.now()): Promise<Schedule> {
    const current = await this.read(id);
    if (patch.trigger) {
      checkTrigger(patch.trigger);
      rejectPastAt(patch.trigger, now);
    }
    const retimed =
      (patch.trigger && JSON.stringify(patch.trigger) !== JSON.stringify(current.def.trigger)) ||
      (patch.enabled !== undefined && patch.enabled !== current.def.enabled);
    const def: ScheduleDef = { ...current.def, ...definedOnly(patch), updatedAt: now };
    checkEngineSupports(def);
    if (retimed) def.anchor = now;
    const state: RunState = retimed
      ? { ...current.state, nextRunAt: freshState(def, now).nextRunAt }
      : current.state;
    const write = this.redis.multi().hset(this.keys.schedules, id, JSON.stringify(def));
    // The run state belongs to the leading beat; touch it only when the timing really changes.
    if (retimed) write.hset(this.keys.state, id, JSON.stringify(state));
    await write.exec();
    return toSchedule({ def, state, rawState: null });
  }

  /** Moves a schedule to the trash; returns it, or null when there was none. */
  async remove(id: string, now = Date.now()): Promise<Schedule | null> {
    let stored: StoredSchedule;
    try {
      stored = await this.read(id);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
    const trashed: Trashed = { def: stored.def, state: stored.state, removedAt: now };
    const [[, removed] = []] =
      (await this.redis
        .multi()
        .hdel(this.keys.schedules, id)
        .hdel(this.keys.state, id)
        .hdel(this.keys.sent, id)
        .hdel(this.keys.claims, id)
        .hset(this.keys.trash, id, JSON.stringify(trashed))
        .exec()) ?? [];
    await this.pruneTrash(now);
    return Number(removed) === 1 ? toSchedule(stored) : null;
  }

  /** Back from the trash; its timing starts over from now, so it does not fire for the time it was away. */
  async restore(id: string, now = Date.now()): Promise<Schedule> {
    const raw = await this.redis.hget(this.keys.trash, id);
    if (!raw) throw new ApiError('NOT_FOUND', `no removed schedule "${id}" (kept ${TRASH_DAYS} days)`);
    const { def, state } = JSON.parse(raw) as Trashed;
    const restored: ScheduleDef = { ...withDefaults(def), anchor: now, updatedAt: now };
    const fresh = { ...state, nextRunAt: freshState(restored, now).nextRunAt };
    const added = await this.redis.hsetnx(this.keys.schedules, id, JSON.stringify(restored));
    if (!added) throw new ApiError('CONFLICT', `id: a schedule "${id}" exists again; remove it first`);
    await this.redis
      .multi()
      .hset(this.keys.state, id, JSON.stringify(fresh))
      .hdel(this.keys.trash, id)
      .exec();
    return toSchedule({ def: restored, state: fresh, rawState: null });
  }

  private async pruneTrash(now: number): Promise<void> {
    const all = await this.redis.hgetall(this.keys.trash);
    const old = Object.entries(all)
      .filter(([, json]) => (JSON.parse(json) as Trashed).removedAt < now - TRASH_DAYS * 86_400_000)
      .map(([id]) => id);
    if (old.length) await this.redis.hdel(this.keys.trash, ...old);
  }

  /** Config-file schedules: added when new, updated when the file says something else, left alone otherwise. */
  async upsert(inputs: Array<ScheduleInput & { id: string }>, now = Date.now()): Promise<number> {
    let changed = 0;
    for (const input of inputs) {
      const existing = await this.redis.hget(this.keys.schedules, input.id);
      if (!existing) {
        await this.add(input, 'config', now);
        changed++;
        continue;
      }
      const def = JSON.parse(existing) as ScheduleDef;
      const wanted = definitionOf(input);
      const have = definitionOf(def);
      if (JSON.stringify(wanted) !== JSON.stringify(have)) {
        await this.update(input.id, wanted, now);
        changed++;
      }
    }
    return changed;
  }

  private async read(id: string): Promise<StoredSchedule> {
    const [def, state] = await Promise.all([
      this.redis.hget(this.keys.schedules, id),
      this.redis.hget(this.keys.state, id),
    ]);
    if (!def) throw new ApiError('NOT_FOUND', `no schedule "${id}"`);
    return {
      def: parseDef(def),
      state: state ? JSON.parse(state) : { lastRunAt: null, nextRunAt: null, runCount: 0 },
      rawState: state,
    };
  }
}

/** The fields a user sets, with defaults applied: what a config upsert compares. */
function definitionOf(
  input: SchedulePatch & Pick<Schedule, 'task' | 'queue' | 'trigger'>,
): Required<SchedulePatch> {
  return {
    task: input.task,
    queue: input.queue,
    engine: input.engine ?? 'bullmq',
    args: input.args ?? null,
    kwargs: input.kwargs ?? null,
    options: input.options ?? {},
    trigger: input.trigger,
    enabled: input.enabled ?? true,
  };
}

/** Schedules stored before engines and kwargs existed are BullMQ's, without kwargs. */
function withDefaults(def: ScheduleDef): ScheduleDef {
  return { ...def, engine: def.engine ?? 'bullmq', kwargs: def.kwargs ?? null };
}

function parseDef(json: string): ScheduleDef {
  return withDefaults(JSON.parse(json) as ScheduleDef);
}

/** UNSUPPORTED for what the schedule's engine would drop (kwargs on BullMQ, retries on Celery…). */
function checkEngineSupports(def: Pick<ScheduleInput, 'engine' | 'options'> & { kwargs?: unknown }): void {
  const engine = def.engine ?? 'bullmq';
  requireTaskSupported(
    { kind: engine, capabilities: engineRegistry[engine].capabilities },
    {
      ...(def.kwargs ? { kwargs: def.kwargs as Record<string, unknown> } : {}),
      ...(def.options ? { options: def.options } : {}),
    },
  );
}

function freshState(def: ScheduleDef, now: number): RunState {
  return {
    lastRunAt: null,
    runCount: 0,
    nextRunAt: def.enabled ? nextFire(def.trigger, now, def.anchor) : null,
  };
}

function rejectPastAt(trigger: Trigger, now: number): void {
  if ('at' in trigger && Date.parse(trigger.at) <= now) {
    throw new ApiError('INVALID_INPUT', `trigger.at: ${trigger.at} is in the past`);
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toSchedule({ def, state }: StoredSchedule): Schedule {
  const { anchor: _anchor, ...rest } = def;
  return { ...rest, lastRunAt: state.lastRunAt, nextRunAt: state.nextRunAt, runCount: state.runCount };
}
