import type Bull from 'bull';
import type { JobEvent } from '../../../../shared/contract/queues';
import type { JobEventSink } from '../../driver';

/** Return values above this are left to jobs.get, as the BullMQ feed does. */
const MAX_EVENT_VALUE_CHARS = 2000;

type Registering = { _registerEvent(name: string): Promise<unknown> };

function parsed(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Streams one queue's jobs through Bull's own global events (its pub/sub channels), until the returned function
 * is called. Bull keeps no event log, so a queue's earlier events cannot be replayed.
 */
export async function watchBullQueue(
  queue: Bull.Queue,
  prefix: string,
  sink: JobEventSink,
): Promise<() => void> {
  const base = (id: unknown, kind: JobEvent['kind']): JobEvent => ({
    queue: queue.name,
    prefix,
    id: String(id),
    kind,
    ts: Date.now(),
  });
  const handlers: Record<string, (...args: unknown[]) => void> = {
    'global:waiting': (id) => sink(base(id, 'waiting')),
    'global:active': (id) => sink(base(id, 'active')),
    'global:stalled': (id) => sink(base(id, 'stalled')),
    'global:progress': (id, progress) => sink({ ...base(id, 'progress'), progress }),
    'global:completed': (id, value) => {
      const event = base(id, 'completed');
      if (typeof value === 'string' && value.length <= MAX_EVENT_VALUE_CHARS)
        event.returnValue = parsed(value);
      sink(event);
    },
    'global:failed': (id, reason) => sink({ ...base(id, 'failed'), failedReason: String(reason) }),
  };
  for (const [name, handler] of Object.entries(handlers)) queue.on(name, handler);
  // `on` subscribes in the background; Bull's own promise for it says when events start to arrive.
  const registering = queue as unknown as Registering;
  await Promise.all(Object.keys(handlers).map((name) => registering._registerEvent(name)));
  return () => {
    for (const [name, handler] of Object.entries(handlers)) queue.removeListener(name, handler);
  };
}
