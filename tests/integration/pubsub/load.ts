import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';

export const PIPELINE = 1000;
export const SAMPLE_PAYLOAD = JSON.stringify({
  event: 'order.created',
  id: 123456,
  total: 19.5,
  items: ['A-1', 'B-22'],
});

/** PIPELINE publishes in one call, run by Redis itself: a publisher that costs its own process almost nothing. */
const PUBLISH_MANY = "for i = 1, tonumber(ARGV[2]) do redis.call('PUBLISH', KEYS[1], ARGV[1]) end";

/**
 * Publishes PIPELINE messages at a time for `seconds`: as fast as Redis takes them, or paced to `rate` per second.
 * `inRedis` sends each group as one script call instead of a client pipeline, for tests that share a busy machine
 * with the page they measure. Used by the load e2e test and bench/pubsub.ts.
 */
export async function publishFor(
  redis: Redis,
  channel: string,
  seconds: number,
  rate = 0,
  inRedis = false,
): Promise<{ sent: number; seconds: number }> {
  const start = performance.now();
  const end = start + seconds * 1000;
  let sent = 0;
  while (performance.now() < end) {
    if (rate > 0 && ((performance.now() - start) / 1000) * rate - sent < PIPELINE) {
      await new Promise((r) => setTimeout(r, 5));
      continue;
    }
    if (inRedis) {
      await redis.eval(PUBLISH_MANY, 1, channel, SAMPLE_PAYLOAD, PIPELINE);
    } else {
      const pipe = redis.pipeline();
      for (let i = 0; i < PIPELINE; i++) pipe.publish(channel, SAMPLE_PAYLOAD);
      await pipe.exec();
    }
    sent += PIPELINE;
  }
  return { sent, seconds: (performance.now() - start) / 1000 };
}

/**
 * Page script that records the time between animation frames into `window.frameTimes`. A string, not a function:
 * the transpilers' helpers (`__name`) do not exist in the page.
 */
export const RECORD_FRAMES = `(() => {
  window.frameTimes = [];
  let prev = performance.now();
  const tick = (t) => { window.frameTimes.push(t - prev); prev = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

/** Takes the recorded frame times (the first, from before recording, left out), sorted. */
export const TAKE_FRAMES = 'window.frameTimes.splice(0).slice(1).sort((a, b) => a - b)';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

/**
 * `count` redis-benchmark processes publishing pipelined (-P 16, 50 connections each), Redis's own fastest
 * publisher; each sends `perPublisher` messages unless stopped first. The published count to trust is the
 * server's (publishCalls of INFO commandstats), not the number asked for.
 */
export function benchmarkPublishers(
  port: number,
  channel: string,
  count: number,
  perPublisher: number,
): { done: Promise<void>; stop(): void } {
  const children = Array.from({ length: count }, () =>
    spawn(
      'redis-benchmark',
      ['-p', String(port), '-P', '16', '-n', String(perPublisher), '-q', 'PUBLISH', channel, SAMPLE_PAYLOAD],
      { stdio: 'ignore' },
    ),
  );
  const done = Promise.all(
    children.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve()))),
  ).then(() => undefined);
  return { done, stop: () => children.forEach((c) => c.exitCode === null && c.kill()) };
}
