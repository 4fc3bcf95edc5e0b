import type { CoreContext, HandlerMap } from '../context';
import type { JobEventTap } from '../queues/service';
import { LiveCounts } from './live-counts';
import { checkClusterPrefix } from '../queues/cluster-prefix';
import { readQueueMetrics, readThroughput } from './read';

/** `tap` hands over every job event the host's live feeds receive: the per-second counts are made of them. */
export function metricsHandlers(
  ctx: CoreContext,
  tap: JobEventTap,
): HandlerMap<'metrics.queue' | 'metrics.throughput'> {
  const live = new LiveCounts();
  ctx.onClose(tap((engine, event) => live.record(engine, event)));
  // Another server's queues may share names: its counts start afresh (a reconnect to the same one keeps them).
  let server = '';
  ctx.connection.on('changed', () => {
    let now: string;
    try {
      now = JSON.stringify(ctx.connection.sharedOptions());
    } catch {
      return; // not connected: keep what we have until we know where we are
    }
    if (now !== server) live.clear();
    server = now;
  });
  // Every key read is under `<prefix>:<queue>:`: with the prefix's hash tag a cluster serves them from one slot.
  const redis = (q: { engine: string; prefix: string }) => {
    if (q.engine === 'bullmq') checkClusterPrefix(ctx.connection.sharedOptions(), q.prefix);
    return ctx.connection.client();
  };
  return {
    'metrics.queue': (q) => readQueueMetrics(redis(q), live, q),
    'metrics.throughput': (q) => readThroughput(redis(q), live, q),
  };
}
