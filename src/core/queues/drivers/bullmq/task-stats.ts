import type { AnyRedis } from '../../../connection/any-redis';
import type { Percentiles, TaskStat, TaskStats } from '../../../../shared/contract/insights';

/** Finished jobs read per queue and state at most: the newest ones. */
const PER_SET_CAP = 50_000;
const PIPELINE_CHUNK = 5000;

interface Sample {
  run: number[];
  wait: number[];
  completed: number;
  failed: number;
}

export function percentiles(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

/** The ids in a finished set (scored by finish time) that finished within the window, newest first. */
async function finishedIds(redis: AnyRedis, key: string, since: number): Promise<string[]> {
  return redis.zrevrangebyscore(key, '+inf', since, 'LIMIT', 0, PER_SET_CAP);
}

/**
 * Per task name over the window, from the jobs BullMQ still holds in its completed and failed sets (scored by
 * finish time): counts and failure rate, run time (start → finish) and wait (due → start) percentiles. The job
 * fields are read in pipelines of HMGETs; nothing is kept but numbers.
 */
export async function taskStats(
  redis: AnyRedis,
  prefix: string,
  queues: string[],
  windowMs: number,
  now = Date.now(),
): Promise<TaskStats> {
  const since = now - windowMs;
  const byTask = new Map<string, Sample>();
  let jobsRead = 0;
  let truncated = false;
  for (const queue of queues) {
    for (const set of ['completed', 'failed'] as const) {
      const ids = await finishedIds(redis, `${prefix}:${queue}:${set}`, since);
      truncated ||= ids.length === PER_SET_CAP;
      for (let i = 0; i < ids.length; i += PIPELINE_CHUNK) {
        const chunk = ids.slice(i, i + PIPELINE_CHUNK);
        const rows =
          (await redis
            .pipeline(
              chunk.map((id) => [
                'hmget',
                `${prefix}:${queue}:${id}`,
                'name',
                'timestamp',
                'delay',
                'processedOn',
                'finishedOn',
              ]),
            )
            .exec()) ?? [];
        for (const [err, row] of rows) {
          if (err || !Array.isArray(row) || row[0] === null) continue; // removed meanwhile
          const [name, created, delay, processed, finished] = row as Array<string | null>;
          jobsRead++;
          const sample = byTask.get(name!) ?? { run: [], wait: [], completed: 0, failed: 0 };
          byTask.set(name!, sample);
          sample[set]++;
          const start = Number(processed);
          if (processed && finished) sample.run.push(Number(finished) - start);
          if (processed && created)
            sample.wait.push(Math.max(0, start - Number(created) - Number(delay ?? 0)));
        }
      }
    }
  }
  const tasks: TaskStat[] = [...byTask].map(([task, s]) => ({
    task,
    completed: s.completed,
    failed: s.failed,
    failureRate: s.failed / (s.completed + s.failed),
    runMs: percentiles(s.run),
    waitMs: percentiles(s.wait),
  }));
  tasks.sort((a, b) => b.completed + b.failed - (a.completed + a.failed) || a.task.localeCompare(b.task));
  return { windowMs, tasks, jobsRead, queuesScanned: queues.length, truncated };
}
