import type { Redis } from 'ioredis';
import { ApiError } from '../../../../shared/result';
import type { ControlReply } from '../../../../shared/contract/queues';
import { call } from './control';

/** How long a worker gets to answer an act; a busy prefork pool can take a moment to fork. */
const ACT_TIMEOUT_MS = 3000;

/** Celery answers `{ok: "..."}` or `{error: "..."}`; anything else is shown as it came. */
function toReplies(replies: Map<string, unknown>): ControlReply[] {
  return [...replies].map(([node, raw]) => {
    const r = (raw ?? {}) as { ok?: unknown; error?: unknown };
    if (typeof r.error === 'string') return { hostname: node, ok: false, message: r.error };
    return { hostname: node, ok: true, message: typeof r.ok === 'string' ? r.ok : JSON.stringify(raw) };
  });
}

/** One node's pool grows or shrinks by |delta| processes, as `celery control pool_grow|pool_shrink -d node`. */
export async function resizePool(
  redis: Redis,
  db: number,
  hostname: string,
  delta: number,
): Promise<ControlReply[]> {
  const method = delta > 0 ? 'pool_grow' : 'pool_shrink';
  const replies = await call(redis, db, method, { n: Math.abs(delta) }, ACT_TIMEOUT_MS, [hostname]);
  if (replies.size === 0) throw new ApiError('NOT_FOUND', `no Celery worker "${hostname}" answered`);
  return toReplies(replies);
}

/** Sets a task type's rate limit on the nodes (all when none are named), as `celery control rate_limit`. */
export async function setRateLimit(
  redis: Redis,
  db: number,
  task: string,
  rate: string,
  nodes: string[] | null,
): Promise<ControlReply[]> {
  const replies = await call(
    redis,
    db,
    'rate_limit',
    { task_name: task, rate_limit: rate },
    ACT_TIMEOUT_MS,
    nodes,
  );
  if (replies.size === 0) throw new ApiError('NOT_FOUND', 'no Celery worker answered');
  return toReplies(replies);
}
