import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { EventName, EventPayload, MethodName, Params, Result } from '../../../src/shared/contract';
import type { JobEvent } from '../../../src/shared/contract/queues';
import type { ApiErrorBody } from '../../../src/shared/result';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

export interface ApiHarness {
  host: CoreHost;
  redis: TestRedis;
  events: Array<{ event: EventName; data: unknown }>;
  ok<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  err(method: MethodName, params: unknown): Promise<ApiErrorBody>;
  eventsOf<E extends EventName>(event: E): Array<EventPayload<E>>;
  /** Every job event of one queue received so far, batches flattened. */
  jobEvents(queue: string): JobEvent[];
  /** Whether a job's event of this kind has arrived. */
  sawEvent(queue: string, id: string, kind: JobEvent['kind']): boolean;
}

function jobEventsOf(events: ApiHarness['events']): JobEvent[] {
  return events.flatMap((e) =>
    e.event === 'queues.events' ? (e.data as { events: JobEvent[] }).events : [],
  );
}

/** A core host connected to its own redis-server for this test file, recording every pushed event. */
export function useApiHost(): () => ApiHarness {
  let harness: ApiHarness | undefined;
  beforeAll(async () => {
    const redis = await startTestRedis();
    const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-queues-')) });
    const events: ApiHarness['events'] = [];
    host.onEvent((event, data) => events.push({ event, data }));
    const connected = await host.call('connection.connect', { mode: 'url', url: redis.url });
    if (!connected.ok) throw new Error(connected.error.message);
    harness = {
      host,
      redis,
      events,
      async ok(method, params) {
        const r = await host.call(method, params);
        if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
        return r.data as never;
      },
      async err(method, params) {
        const r = await host.call(method, params);
        if (r.ok) throw new Error(`${method} was expected to fail`);
        return r.error;
      },
      eventsOf: (name) => events.filter((e) => e.event === name).map((e) => e.data as never),
      jobEvents: (queue) => jobEventsOf(events).filter((e) => e.queue === queue),
      sawEvent: (queue, id, kind) =>
        jobEventsOf(events).some((e) => e.queue === queue && e.id === id && e.kind === kind),
    };
  });
  afterAll(async () => {
    await harness?.host.close();
    await harness?.redis.stop();
  });
  return () => {
    if (!harness) throw new Error('host not started');
    return harness;
  };
}
