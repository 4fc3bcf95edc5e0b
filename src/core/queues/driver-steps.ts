import { ApiError } from '../../shared/result';
import type { ListQueuesOptions } from './driver';
import type { QueueFinder } from './queue-finder';

/**
 * Steps the Bull and BullMQ drivers take alike around their own library's calls; what differs (the library,
 * what it reads) comes in as functions, so no engine's library is imported here.
 */

/**
 * The names a queues.list answers with. Cached names whose queue is gone (obliterated elsewhere) are dropped;
 * the queues of connected workers, read by `readConnected` (null: could not), are found at once without waiting
 * for a background pass. Gives back what `readConnected` read, for the rows' worker counts.
 */
export async function namesForListing<C>(
  finder: QueueFinder,
  options: ListQueuesOptions,
  readConnected: () => Promise<C | null>,
  queuesOf: (connected: C) => Iterable<string>,
): Promise<{ names: string[]; connected: C | null }> {
  const found = options.poll ? await finder.poll() : await finder.list(options.refresh);
  if (!found.fresh) await finder.forgetGone(found.names);
  const connected = await readConnected();
  if (connected) await finder.learnIfExists(queuesOf(connected));
  return { names: found.fresh ? found.names : finder.names(), connected };
}

/**
 * Runs the engine's obliterate; its refusal while jobs are active becomes a CONFLICT that says how to go on.
 * `refused` runs before that error is thrown (Bull pauses the queue before it looks, and leaves it paused).
 */
export async function obliterateOrConflict(
  run: () => Promise<unknown>,
  refused?: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/active jobs/i.test(message)) throw err;
    await refused?.();
    throw new ApiError('CONFLICT', `${message}; pass force to obliterate anyway`);
  }
}

/** One event watch per queue, started together; the stop it gives ends them all. */
export async function watchEach(
  queues: string[],
  watchOne: (queue: string) => Promise<() => void>,
): Promise<() => Promise<void>> {
  const stops = await Promise.all(queues.map(watchOne));
  return () => {
    for (const stop of stops) stop();
    return Promise.resolve();
  };
}
