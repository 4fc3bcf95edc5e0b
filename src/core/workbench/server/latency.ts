import type { Redis } from 'ioredis';
import type { LatencyEvent, LatencyView } from '../../../shared/contract';
import { configNumber } from './config-read';

type Latest = [string, number, number, number];

/** LATENCY LATEST (event, unix time, latest ms, max ms) and each event's LATENCY HISTORY (unix time, ms). */
export async function readLatency(redis: Redis): Promise<LatencyView> {
  const [latest, thresholdMs] = await Promise.all([
    redis.call('LATENCY', 'LATEST') as Promise<Latest[]>,
    configNumber(redis, 'latency-monitor-threshold'),
  ]);
  const events = await Promise.all(
    latest.map(async ([name, time, latestMs, maxMs]): Promise<LatencyEvent> => {
      const history = (await redis.call('LATENCY', 'HISTORY', name)) as Array<[number, number]>;
      return {
        name: String(name),
        lastAt: Number(time) * 1000,
        latestMs: Number(latestMs),
        maxMs: Number(maxMs),
        history: history.map(([t, ms]) => ({ at: Number(t) * 1000, ms: Number(ms) })),
      };
    }),
  );
  events.sort((a, b) => b.lastAt - a.lastAt || a.name.localeCompare(b.name));
  return { thresholdMs, events };
}
