import type { CoreContext, HandlerMap } from '../context';
import { readQueueMetrics, readThroughput } from './read';

export function metricsHandlers(ctx: CoreContext): HandlerMap<'metrics.queue' | 'metrics.throughput'> {
  return {
    'metrics.queue': ({ queue, prefix, minutes }) =>
      readQueueMetrics(ctx.connection.client(), prefix, queue, minutes),
    'metrics.throughput': ({ prefix, queues, minutes }) =>
      readThroughput(ctx.connection.client(), prefix, queues, minutes),
  };
}
