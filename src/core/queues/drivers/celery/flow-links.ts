import type { Redis } from 'ioredis';
import type { JobChild, JobRefDto } from '../../../../shared/contract/queues';
import type { DecodedMessage } from './decode';
import { readMeta, stateOf, type TaskMeta } from './results';

/** A result tuple `[[id, parent], null]` (Celery's `children` entries); a group's is `[[gid, null], [...]]`. */
function tupleId(entry: unknown): string | null {
  const head = Array.isArray(entry) ? entry[0] : null;
  const id = Array.isArray(head) ? head[0] : null;
  return typeof id === 'string' ? id : null;
}

/**
 * A task's place in its flow for the job tree: the parent it came from (same queue assumed: a result is found by
 * id alone) and what it sends next: the chain's next step (the message's embed.chain ends with it) and any other
 * children the result backend recorded (callbacks). Each child's state is its result's, or waiting.
 */
export async function flowLinks(
  redis: Redis,
  queue: string,
  m: DecodedMessage | null,
  meta: TaskMeta | null,
): Promise<{ parent?: JobRefDto; children: JobChild[] }> {
  const parentId = (m?.headers.parent_id as string | null | undefined) ?? meta?.parent_id ?? null;
  const next = new Map<string, { task?: string; queue: string }>();
  const step = m?.embed.chain?.at(-1);
  const stepId = step?.options?.task_id;
  if (typeof stepId === 'string') {
    const q = step?.options?.queue;
    next.set(stepId, { task: step?.task, queue: typeof q === 'string' ? q : queue });
  }
  for (const entry of meta?.children ?? []) {
    const id = tupleId(entry);
    if (id && !next.has(id)) next.set(id, { queue });
  }
  const children = await Promise.all(
    [...next].map(async ([id, c]): Promise<JobChild> => {
      const childMeta = await readMeta(redis, id);
      const child: JobChild = {
        queue: c.queue,
        id,
        state: childMeta ? stateOf(childMeta.status) : 'waiting',
      };
      const task = c.task ?? childMeta?.name;
      if (task) child.task = task;
      return child;
    }),
  );
  // A task Celery retried names itself as parent (protocol §6): no link to itself.
  const self = m?.id ?? meta?.task_id;
  return { ...(parentId && parentId !== self ? { parent: { queue, id: parentId } } : {}), children };
}
