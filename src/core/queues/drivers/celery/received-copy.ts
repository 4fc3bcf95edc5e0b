import type { SeenMessage } from './archive';
import { buildMessage, encodeMessage } from './message';
import { parsePyLiteral } from './py-literal';

/**
 * A task's message rebuilt from its task-received event (name, and the repr of args and kwargs), for when the
 * worker acknowledged the message before QueueDesk could read it from unacked. Only plain data reads back; the
 * canvas (callbacks, chain) is not in the event and is lost. An unknown queue is left empty: a retry then sends
 * it to the queue it is retried from.
 */
export function copyFromReceived(event: Record<string, unknown>, queue: string): SeenMessage | null {
  const { uuid, name } = event;
  if (typeof uuid !== 'string' || typeof name !== 'string') return null;
  if (typeof event.args !== 'string' || typeof event.kwargs !== 'string') return null;
  const args = parsePyLiteral(event.args)?.value;
  const kwargs = parsePyLiteral(event.kwargs)?.value;
  if (!Array.isArray(args) || !kwargs || typeof kwargs !== 'object' || Array.isArray(kwargs)) return null;
  const message = buildMessage({
    task: name,
    id: uuid,
    queue,
    args,
    kwargs: kwargs as Record<string, unknown>,
  });
  return { id: uuid, raw: encodeMessage(message) };
}
