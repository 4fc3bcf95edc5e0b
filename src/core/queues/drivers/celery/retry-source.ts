import type { Redis } from 'ioredis';
import { ApiError } from '../../../../shared/result';
import { asMessage, decodeMessage } from './decode';
import { celeryKeys } from './keys';
import { buildMessage, type CeleryMessage } from './message';
import type { TaskMeta } from './results';

/** States a task can be retried from outside: Celery itself only retries from inside a running task. */
const RETRYABLE = ['FAILURE', 'REVOKED'];

/**
 * The message to send again for a finished task, from whatever holds it: the copy QueueDesk kept (its own send,
 * or a message it saw waiting or reserved, whoever sent it), else the result's extended fields (name, args,
 * kwargs, queue: Celery's `result_extended`). Neither: a CONFLICT that says why and what to change.
 */
export async function retrySource(
  redis: Redis,
  queue: string,
  id: string,
  meta: TaskMeta | null,
): Promise<CeleryMessage> {
  if (!meta || !RETRYABLE.includes(meta.status)) {
    throw new ApiError(
      'CONFLICT',
      `task "${id}" is ${meta?.status ?? 'not finished'}; only FAILURE or REVOKED tasks can be retried`,
    );
  }
  const kept = await redis.hget(celeryKeys.sentArchive, id);
  if (kept) {
    const decoded = decodeMessage(kept);
    if (!decoded.broken) {
      const message = asMessage(decoded);
      // Rebuilt from an event that named no queue: it goes back to the queue it is retried from.
      if (!decoded.routingKey) message.properties.delivery_info = { exchange: '', routing_key: queue };
      return message;
    }
  }
  if (meta.name && Array.isArray(meta.args)) {
    return buildMessage({
      task: meta.name,
      queue: meta.queue ?? queue,
      args: meta.args,
      kwargs: meta.kwargs ?? {},
    });
  }
  throw new ApiError(
    'CONFLICT',
    `cannot retry task "${id}": the original message is gone (a worker took it before QueueDesk saw it, and ` +
      `its result keeps no args). Enable result_extended=True in the Celery app so results keep them, or keep ` +
      `QueueDesk open on the queue while tasks are sent`,
  );
}
