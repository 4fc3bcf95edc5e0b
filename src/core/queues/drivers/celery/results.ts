import type { Redis } from 'ioredis';
import type { JobState } from '../../../../shared/contract/task-model';
import { celeryKeys } from './keys';

/** A result-backend record (`celery-task-meta-<id>`), as celery/backends/base.py writes it. */
export interface TaskMeta {
  status: string;
  result: unknown;
  traceback: string | null;
  children: unknown[];
  date_done: string | null;
  task_id: string;
  group_id?: string;
  parent_id?: string;
  /** With result_extended. */
  name?: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  queue?: string;
  retries?: number;
}

export async function readMeta(redis: Redis, id: string): Promise<TaskMeta | null> {
  const text = await redis.get(celeryKeys.meta(id));
  if (!text) return null;
  try {
    return JSON.parse(text) as TaskMeta;
  } catch {
    return null;
  }
}

/** Celery states onto QueueDesk's; RETRY waits for its countdown, REVOKED ends like a failure. */
export function stateOf(status: string): JobState {
  switch (status) {
    case 'SUCCESS':
      return 'completed';
    case 'FAILURE':
    case 'REVOKED':
      return 'failed';
    case 'RETRY':
      return 'delayed';
    case 'STARTED':
    case 'RECEIVED':
      return 'active';
    case 'PENDING':
      return 'waiting';
    default:
      return 'unknown';
  }
}

export interface CeleryException {
  type: string;
  message: string;
  module: string | null;
}

/** The exception dict of FAILURE/RETRY/REVOKED (`{exc_type, exc_message, exc_module}`). */
export function exceptionOf(meta: TaskMeta): CeleryException | null {
  if (!['FAILURE', 'RETRY', 'REVOKED'].includes(meta.status)) return null;
  const r = (meta.result ?? {}) as { exc_type?: unknown; exc_message?: unknown; exc_module?: unknown };
  const raw = r.exc_message;
  const message = Array.isArray(raw)
    ? raw.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')
    : String(raw ?? '');
  return {
    type: String(r.exc_type ?? 'Exception'),
    message,
    module: typeof r.exc_module === 'string' ? r.exc_module : null,
  };
}

/** Members of a saved group (`celery-taskset-meta-<gid>` = {result: [[gid, null], [[[id, null], null], …]]}) and how far they got. */
export async function groupProgress(
  redis: Redis,
  groupId: string,
): Promise<{ done: number; failed: number; size: number } | null> {
  const text = await redis.get(celeryKeys.groupMeta(groupId));
  if (!text) return null;
  let ids: string[];
  try {
    const tuple = (JSON.parse(text) as { result?: [unknown, Array<[[string, unknown], unknown]>] }).result;
    ids = (tuple?.[1] ?? []).map((child) => child[0][0]).filter((id) => typeof id === 'string');
  } catch {
    return null;
  }
  if (ids.length === 0) return { done: 0, failed: 0, size: 0 };
  const metas = await redis.mget(...ids.map(celeryKeys.meta));
  const statuses = metas.map((m) => (m ? String((JSON.parse(m) as { status?: string }).status) : 'PENDING'));
  const done = statuses.filter((s) => ['SUCCESS', 'FAILURE', 'REVOKED'].includes(s)).length;
  const failed = statuses.filter((s) => s === 'FAILURE' || s === 'REVOKED').length;
  return { done, failed, size: ids.length };
}

/** How many header tasks of a chord have finished, of how many. */
export async function chordProgress(
  redis: Redis,
  groupId: string,
): Promise<{ done: number; size: number } | null> {
  const [size, done, extra] = await Promise.all([
    redis.get(celeryKeys.chordSize(groupId)),
    // ZADD with result_chord_ordered (the default), RPUSH without.
    redis.zcard(celeryKeys.chordJoin(groupId)).catch(() => redis.llen(celeryKeys.chordJoin(groupId))),
    redis.get(celeryKeys.chordExtra(groupId)),
  ]);
  if (size === null) return null;
  return { done, size: Number(size) + Number(extra ?? 0) };
}
