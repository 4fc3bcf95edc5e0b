/**
 * How late the beat enqueues a tick: an every-500 ms schedule fired by a real beat process for BEAT_TICKS ticks
 * (default 20), lateness = the job's timestamp minus its due time. Baseline in the same run: how late a plain
 * setTimeout in this process wakes for the same due times (what the machine itself adds). The test
 * (tests/integration/beat/beat-fires.test.ts) only keeps a sanity bound; this is where the figure is read.
 * Last line: `beat: late_p50_ms=<n> late_p95_ms=<n> late_max_ms=<n> timer_p95_ms=<n> ratio_p95=<ours/timer>`.
 *
 * `npm run bench:beat`.
 */
import { Queue } from 'bullmq';
import type { ProcessInfo, Schedule } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';
import { waitUntil } from '../tests/helpers/process-alive';
import { ticks } from '../tests/integration/beat/helpers';
import { connectedHost, data, randomQueue } from '../tests/integration/worker/helpers';

const TICKS = Number(process.env.BEAT_TICKS ?? 20);
const EVERY_MS = 500;

const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** The same due times met by a timer in this process: the lateness no scheduler here can beat. */
async function timerLateness(n: number): Promise<number[]> {
  const late: number[] = [];
  const start = Date.now() + EVERY_MS;
  for (let i = 0; i < n; i++) {
    const due = start + i * EVERY_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now()))); // the measured wait itself
    late.push(Date.now() - due);
  }
  return late;
}

const redis = await startTestRedis();
const host = await connectedHost(redis);
const queue = new Queue(randomQueue(), { connection: { port: redis.port } });
try {
  await data<ProcessInfo>(host, 'beat.start');
  const s = await data<Schedule>(host, 'beat.add', {
    id: 'bench',
    task: 'demo.echo',
    queue: queue.name,
    args: {},
    trigger: { every: EVERY_MS },
  });
  const [, timer] = await Promise.all([
    waitUntil(async () => (await ticks(queue, s.id)).length >= TICKS, TICKS * EVERY_MS + 30_000, 100),
    timerLateness(TICKS),
  ]);
  const fired = (await ticks(queue, s.id)).slice(0, TICKS);
  const late = fired.map((t) => t.addedAt - t.due);
  // A tick later than the next one's due time makes the beat coalesce: the due times skip a step.
  const skipped = (fired.at(-1)!.due - fired[0]!.due) / EVERY_MS - (fired.length - 1);
  const ratio = pct(late, 95) / Math.max(1, pct(timer, 95));
  console.log(`ticks ${fired.length} every ${EVERY_MS} ms, skipped (coalesced) ${skipped}`);
  console.log(
    `beat: late_p50_ms=${pct(late, 50)} late_p95_ms=${pct(late, 95)} late_max_ms=${Math.max(...late)} timer_p95_ms=${pct(timer, 95)} ratio_p95=${ratio.toFixed(1)}`,
  );
} finally {
  await queue.close();
  await host.close();
  await redis.stop();
}
