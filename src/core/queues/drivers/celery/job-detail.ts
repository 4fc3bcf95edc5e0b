import type { Redis } from 'ioredis';
import type { CeleryJobInfo, JobDetail } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import { summaryOf } from './browse';
import type { DecodedMessage } from './decode';
import { flowLinks } from './flow-links';
import { chordProgress, exceptionOf, groupProgress, stateOf, type TaskMeta } from './results';

export interface Sighting {
  message: DecodedMessage | null;
  /** Where the message was found: waiting in a list, reserved by a worker, or only in QueueDesk's archive. */
  where: 'waiting' | 'reserved' | 'archive' | 'none';
  reserved?: { sinceMs: number; visibilityLeftSec: number; scheduled: boolean };
}

function sigRef(s: { task?: string; options?: Record<string, unknown> } | null | undefined) {
  return {
    task: String(s?.task ?? ''),
    id: typeof s?.options?.task_id === 'string' ? s.options.task_id : null,
  };
}

function liveState(seen: Sighting, meta: TaskMeta | null): JobState {
  if (meta) return stateOf(meta.status);
  if (seen.where === 'reserved') return seen.reserved?.scheduled ? 'delayed' : 'active';
  return seen.where === 'waiting' ? 'waiting' : 'unknown';
}

/** `date_done` is naive UTC in Celery 5.2/5.3 and carries an offset from 5.4. */
function doneAt(dateDone: string | null): number | null {
  if (!dateDone) return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(dateDone) ? dateDone : `${dateDone}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** A task's message, live state and result in one view. */
export async function celeryDetail(
  redis: Redis,
  queue: string,
  id: string,
  seen: Sighting,
  meta: TaskMeta | null,
): Promise<JobDetail> {
  const m = seen.message;
  const h = m?.headers ?? {};
  const state = liveState(seen, meta);
  const summary = m
    ? summaryOf(queue, m, state)
    : {
        id,
        queue,
        task: meta?.name ?? '',
        state,
        argsPreview: '',
        attemptsMade: meta?.retries ?? 0,
        maxAttempts: null,
        progress: null,
        timestamps: { created: null },
      };
  const exception = meta ? exceptionOf(meta) : null;
  const groupId = (h.group as string | null) ?? meta?.group_id ?? null;
  const [hard, soft] = Array.isArray(h.timelimit) ? (h.timelimit as Array<number | null>) : [null, null];
  const chord = m?.embed.chord ?? null;
  const celery: CeleryJobInfo = {
    status: meta?.status ?? (seen.where === 'reserved' ? 'RECEIVED' : 'PENDING'),
    kwargs: m?.kwargs ?? meta?.kwargs ?? {},
    eta: (h.eta as string | null) ?? null,
    expires: (h.expires as string | null) ?? null,
    retries: Number(h.retries ?? meta?.retries ?? 0),
    priority: m?.priority ?? null,
    parentId: (h.parent_id as string | null) ?? meta?.parent_id ?? null,
    rootId: (h.root_id as string | null) ?? null,
    groupId,
    chain: [...(m?.embed.chain ?? [])].reverse().map(sigRef),
    chord: chord ? sigRef(chord) : null,
    callbacks: (m?.embed.callbacks ?? []).map((s) => s.task),
    errbacks: (m?.embed.errbacks ?? []).map((s) => s.task),
    timeLimit: { hard: hard ?? null, soft: soft ?? null },
    exception,
    traceback: meta?.traceback ?? null,
    dateDone: meta?.date_done ?? null,
    reserved: seen.reserved
      ? { sinceMs: seen.reserved.sinceMs, visibilityLeftSec: seen.reserved.visibilityLeftSec }
      : null,
    chordProgress: groupId && chord ? await chordProgress(redis, groupId) : null,
    groupProgress: groupId && !chord ? await groupProgress(redis, groupId) : null,
  };
  const { argsPreview: _preview, ...rest } = summary;
  const finished = doneAt(celery.dateDone);
  if (finished !== null) rest.timestamps = { ...rest.timestamps, finished };
  const expires = celery.expires ? Date.parse(celery.expires) : NaN;
  return {
    ...rest,
    ...(exception
      ? { failedReason: exception.message ? `${exception.type}: ${exception.message}` : exception.type }
      : {}),
    args: m?.args ?? meta?.args ?? [],
    options: { headers: h },
    taskOptions: {},
    priority: m?.priority ?? 0,
    returnValue: meta?.status === 'SUCCESS' ? meta.result : null,
    stacktrace: meta?.traceback ? [meta.traceback] : [],
    logs: [],
    logCount: 0,
    ...(await flowLinks(redis, queue, m, meta)),
    ...(Number.isNaN(expires) ? {} : { expiresAt: expires }),
    engine: 'celery',
    celery,
  };
}
