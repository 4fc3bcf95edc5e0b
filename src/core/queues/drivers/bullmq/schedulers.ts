import type { JobSchedulerJson, Queue, RepeatOptions } from 'bullmq';
import type { AnyRedis } from '../../../connection/any-redis';
import type { SchedulerSummary, UpsertSchedulerInput } from '../../../../shared/contract/schedulers';
import { ApiError } from '../../../../shared/result';
import { checkTrigger } from '../../../beat/trigger';
import { fromBullJobOptions, toBullJobOptions } from './options';

/** BullMQ names a scheduler's next job `repeat:<scheduler id>:<run time>`. */
export function pendingJobId(id: string, next: number): string {
  return `repeat:${id}:${next}`;
}

function toSummary(
  prefix: string,
  queue: string,
  json: JobSchedulerJson,
  pendingExists: boolean,
): SchedulerSummary {
  const next = json.next ?? null;
  const opts = json.template?.opts ?? {};
  return {
    engine: 'bullmq',
    queue,
    prefix,
    id: json.key,
    task: json.name,
    every: json.every ?? null,
    pattern: json.pattern ?? null,
    tz: json.tz ?? null,
    next,
    iterationCount: json.iterationCount ?? null,
    limit: json.limit ?? null,
    startDate: json.startDate ?? null,
    endDate: json.endDate ?? null,
    args: json.template?.data ?? null,
    options: fromBullJobOptions(opts, 0),
    pendingJobId: pendingExists && next !== null ? pendingJobId(json.key, next) : null,
  };
}

/** Schedulers of these queues, soonest first: one ZCARD per queue (pipelined) skips the queues without any. */
export async function listSchedulers(
  redis: AnyRedis,
  prefix: string,
  queues: Queue[],
): Promise<SchedulerSummary[]> {
  const sizes = await redis.pipeline(queues.map((q) => ['zcard', `${prefix}:${q.name}:repeat`])).exec();
  const withAny = queues.filter((_, i) => Number(sizes?.[i]?.[1] ?? 0) > 0);
  const perQueue = await Promise.all(
    withAny.map(async (q) => ({ q, all: await q.getJobSchedulers(0, -1, true) })),
  );
  const rows = perQueue.flatMap(({ q, all }) => all.map((json) => ({ q, json })));
  const exists = await redis
    .pipeline(
      rows.map(({ q, json }) => ['exists', `${prefix}:${q.name}:${pendingJobId(json.key, json.next ?? 0)}`]),
    )
    .exec();
  return rows
    .map(({ q, json }, i) => toSummary(prefix, q.name, json, Number(exists?.[i]?.[1] ?? 0) === 1))
    .sort((a, b) => (a.next ?? Infinity) - (b.next ?? Infinity));
}

export async function getScheduler(redis: AnyRedis, queue: Queue, id: string): Promise<SchedulerSummary> {
  const json = await queue.getJobScheduler(id);
  if (!json) throw new ApiError('NOT_FOUND', `no job scheduler "${id}" in queue "${queue.name}"`);
  const key = `${queue.opts.prefix}:${queue.name}:${pendingJobId(id, json.next ?? 0)}`;
  return toSummary(String(queue.opts.prefix), queue.name, json, (await redis.exists(key)) === 1);
}

function epoch(value: number | string | undefined): number | undefined {
  return typeof value === 'string' ? Date.parse(value) : value;
}

/** Creates or replaces the scheduler; anything BullMQ refuses is reported as bad input, nothing written. */
export async function upsertScheduler(
  redis: AnyRedis,
  queue: Queue,
  spec: UpsertSchedulerInput,
): Promise<SchedulerSummary> {
  if (spec.pattern !== undefined) checkTrigger({ cron: spec.pattern, tz: spec.tz }, 'pattern');
  const startDate = epoch(spec.startDate);
  const endDate = epoch(spec.endDate);
  if (endDate !== undefined && endDate <= Date.now())
    throw new ApiError('INVALID_INPUT', 'endDate: the end date has passed');
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate)
    throw new ApiError('INVALID_INPUT', 'endDate: must be after startDate');
  const repeat: Omit<RepeatOptions, 'key'> =
    spec.every !== undefined ? { every: spec.every } : { pattern: spec.pattern, tz: spec.tz };
  if (spec.limit !== undefined) repeat.limit = spec.limit;
  if (startDate !== undefined) repeat.startDate = startDate;
  if (endDate !== undefined) repeat.endDate = endDate;
  try {
    await queue.upsertJobScheduler(spec.id, repeat, {
      name: spec.task,
      data: spec.args,
      opts: toBullJobOptions(spec.options),
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ApiError('INVALID_INPUT', `job scheduler "${spec.id}": ${why}`);
  }
  return getScheduler(redis, queue, spec.id);
}

export async function removeScheduler(redis: AnyRedis, queue: Queue, id: string): Promise<SchedulerSummary> {
  const before = await getScheduler(redis, queue, id);
  await queue.removeJobScheduler(id);
  return before;
}

/** Adds one ordinary job from the scheduler's template; its schedule and iteration count stay as they are. */
export async function runSchedulerNow(redis: AnyRedis, queue: Queue, id: string): Promise<string> {
  const s = await getScheduler(redis, queue, id);
  const job = await queue.add(s.task, s.args, toBullJobOptions(s.options));
  return String(job.id);
}
