import type { Job, Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';

/** The ticks a beat enqueued for a schedule: job id `beat-<schedule>-<due>`, oldest first. */
export async function ticks(
  queue: Queue,
  scheduleId: string,
): Promise<Array<{ due: number; addedAt: number; job: Job }>> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'], 0, -1);
  const prefix = `beat-${scheduleId}-`;
  return jobs
    .filter((j) => j.id?.startsWith(prefix))
    .map((job) => ({ due: Number(job.id?.slice(prefix.length)), addedAt: job.timestamp, job }))
    .sort((a, b) => a.due - b.due);
}

/** BullMQ writes a `duplicated` event when a job id is added again: a tick enqueued twice would show here. */
export async function duplicatedEvents(client: Redis | Cluster, queue: Queue, prefix = 'bull'): Promise<number> {
  const events = await client.xrange(`${prefix}:${queue.name}:events`, '-', '+');
  return events.filter(([, fields]) => fields[1] === 'duplicated').length;
}
