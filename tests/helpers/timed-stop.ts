import { waitUntil } from './process-alive';
import { descendants, isRunning } from './process-tree';
import type { ServeProcess } from './serve-process';

export interface TimedStop {
  code: number | null;
  /** From the signal to the app's exit. */
  ms: number;
  /** Its processes (workers, beat, redis-server…) that were alive at the signal and still are. */
  leftOver: number[];
}

/**
 * Signals `serve` and times it to its exit; then gives its children (listed at the signal) `childrenMs` to be gone,
 * since an orphaned redis-server may still be finishing its save when the app has exited.
 */
export async function timedStop(
  serve: ServeProcess,
  signal: NodeJS.Signals,
  to: 'process' | 'group' = 'process',
  childrenMs = 5000,
): Promise<TimedStop> {
  const children = descendants(serve.proc.pid as number);
  const started = performance.now();
  const code = await serve.stop(signal, to);
  const ms = Math.round(performance.now() - started);
  await waitUntil(() => children.every((pid) => !isRunning(pid)), childrenMs, 50).catch(() => undefined);
  return { code, ms, leftOver: children.filter(isRunning) };
}
