/**
 * Queue engine figures, each against a raw-BullMQ baseline measured in the same run on the same Redis:
 * - worker throughput: N no-op jobs queued first (queue paused), then processed at concurrency 50 by a raw BullMQ
 *   Worker vs a QueueDesk worker process (`workers.start`);
 * - enqueue: 100,000 jobs by raw `addBulk` (batches of 1,000) vs `jobs.addCopies` (same batches);
 * - enqueue → start latency: median of 200 sequential jobs, each added once the previous one finished; the start
 *   is seen the same way for both (the job's `active` event), so only the enqueue and worker paths differ.
 * The raw worker runs in a Node process of its own (this file, forked with --raw-worker), as the QueueDesk worker
 * does; the same Worker inside this busy bench process is printed too, since waking a sleeping process on a
 * loaded machine alone costs ~0.4 ms. Each figure is the best of 3 alternating rounds per side (BENCH_ROUNDS).
 * Then `queues_1000: …` (bench/queues-1000.ts; BENCH_ONLY=queues_1000 runs just that).
 * Last line: `queue: worker_ratio=… enqueue_ratio=… latency_ratio=…` (ours / raw worker process).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { CoreHost } from '../src/core/host';
import type { MethodName, Params, Result } from '../src/shared/contract';
import { startTestRedis, type TestRedis } from '../tests/helpers/redis-server';
import { waitUntil } from '../tests/helpers/process-alive';
import { queues1000Line } from './queues-1000';

const WORKER_JOBS = Number(process.env.BENCH_WORKER_JOBS ?? 20_000);
const ENQUEUE_JOBS = Number(process.env.BENCH_ENQUEUE_JOBS ?? 100_000);
const BATCH = 1000;
const CONCURRENCY = 50;
const LATENCY_RUNS = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TASK = 'demo.echo'; // returns its args: a no-op for both workers

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number, digits = 0): string => n.toFixed(digits);

let redis: TestRedis;
let host: CoreHost;
let queueSeq = 0;
const connection = (): { port: number; maxRetriesPerRequest: null } => ({
  port: redis.port,
  maxRetriesPerRequest: null,
});

async function call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Result<M>;
}

function newQueue(kind: string): Queue {
  const q = new Queue(`bench-${kind}-${process.pid}-${++queueSeq}`, { connection: connection() });
  q.on('error', () => undefined);
  return q;
}

/** Queues N jobs with the queue paused, starts the consumer, then times resume → all completed. */
async function throughput(kind: string, startConsumer: Consumer): Promise<number> {
  const queue = newQueue(kind);
  await queue.pause();
  for (let added = 0; added < WORKER_JOBS; added += BATCH) {
    const n = Math.min(BATCH, WORKER_JOBS - added);
    await queue.addBulk(Array.from({ length: n }, () => ({ name: TASK, data: null })));
  }
  const stop = await startConsumer(queue.name);
  const t0 = performance.now();
  await queue.resume();
  await waitUntil(async () => (await queue.getCompletedCount()) >= WORKER_JOBS, 300_000, 10);
  const seconds = (performance.now() - t0) / 1000;
  await stop();
  await queue.obliterate({ force: true });
  await queue.close();
  return WORKER_JOBS / seconds;
}

type Consumer = (queue: string) => Promise<() => Promise<void>>;

async function rawWorker(port: number, queue: string): Promise<Worker> {
  const worker = new Worker(queue, async (job) => job.data, {
    connection: { port, maxRetriesPerRequest: null },
    concurrency: CONCURRENCY,
  });
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  return worker;
}

const rawInProcess: Consumer = async (queue) => {
  const worker = await rawWorker(redis.port, queue);
  return () => worker.close();
};

/** A raw BullMQ Worker in a process of its own: this file again, started with `--raw-worker <port> <queue>`. */
const rawProcess: Consumer = async (queue) => {
  const child = fork(fileURLToPath(import.meta.url), ['--raw-worker', String(redis.port), queue], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise((resolve) => child.once('message', resolve));
  return async () => {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  };
};

async function runRawWorkerChild(port: string, queue: string): Promise<void> {
  const worker = await rawWorker(Number(port), queue);
  process.send?.('ready');
  process.once('message', () => void worker.close().then(() => process.exit(0)));
}

const queueDeskConsumer: Consumer = async (queue) => {
  const info = await call('workers.start', { queues: [queue], concurrency: CONCURRENCY });
  return async () => void (await call('workers.stop', { id: info.id }));
};

async function enqueueRate(kind: string, add: (queue: Queue) => Promise<void>): Promise<number> {
  const queue = newQueue(kind);
  await queue.waitUntilReady(); // its connection is open before the clock starts, as the driver's is
  const t0 = performance.now();
  await add(queue);
  const seconds = (performance.now() - t0) / 1000;
  const waiting = await queue.getWaitingCount();
  if (waiting !== ENQUEUE_JOBS) throw new Error(`${kind}: ${waiting} jobs waiting, expected ${ENQUEUE_JOBS}`);
  await queue.obliterate({ force: true });
  await queue.close();
  return ENQUEUE_JOBS / seconds;
}

const ARGS = { n: 1 };

async function rawAddBulk(queue: Queue): Promise<void> {
  for (let added = 0; added < ENQUEUE_JOBS; added += BATCH) {
    await queue.addBulk(Array.from({ length: BATCH }, () => ({ name: TASK, data: ARGS })));
  }
}

async function addCopies(queue: Queue): Promise<void> {
  await call('jobs.addCopies', {
    queue: queue.name,
    task: TASK,
    args: ARGS,
    count: ENQUEUE_JOBS,
    batchSize: BATCH,
  });
}

/** Median ms from just before the add to the job's `active` event, over sequential jobs. */
async function latency(
  kind: string,
  startConsumer: Consumer,
  add: (queue: Queue) => Promise<string>,
): Promise<number> {
  const queue = newQueue(kind);
  const events = new QueueEvents(queue.name, { connection: connection() });
  await events.waitUntilReady();
  const stop = await startConsumer(queue.name);
  const started = new Map<string, number>();
  const finished = new Set<string>();
  events.on('active', ({ jobId }) => started.set(jobId, performance.now()));
  events.on('completed', ({ jobId }) => finished.add(jobId));
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_RUNS + 10; i++) {
    const t0 = performance.now();
    const id = await add(queue);
    await waitUntil(() => finished.has(id), 10_000, 0.2);
    if (i >= 10) samples.push((started.get(id) as number) - t0); // the first 10 warm up
  }
  await stop();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return median(samples);
}

const rawAdd = async (queue: Queue): Promise<string> => String((await queue.add(TASK, ARGS)).id);
const apiAdd = async (queue: Queue): Promise<string> =>
  (await call('jobs.add', { queue: queue.name, task: TASK, args: ARGS })).id;

/** Debian's Celery, for reference only: its figure is not measured here unless it can reach Redis. */
function celeryLine(): string {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return 'celery: no /usr/bin/python3, skipped';
  const probe = spawnSync(python, ['-c', 'import celery, redis; print(celery.__version__)'], {
    encoding: 'utf8',
  });
  const why = probe.stderr.trim().split('\n').at(-1) ?? '';
  if (probe.status !== 0) return `celery: skipped (${why}); reference ~770 no-op tasks/s, prefork c=2`;
  return `celery ${probe.stdout.trim()}: found; not run by this bench (reference ~770 no-op tasks/s, prefork c=2)`;
}

/**
 * Runs the sides in turn (reversed every other round), ROUNDS times, and keeps each side's best: on a shared two-core machine the order and
 * background load otherwise decide more than the code does.
 */
async function bestOf(sides: Array<() => Promise<number>>, better: 'higher' | 'lower'): Promise<number[]> {
  const runs: number[][] = sides.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    // Every other round in reverse, so no side always runs first (or always right after a given other).
    const order = [...sides.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) runs[i]?.push(await (sides[i] as () => Promise<number>)());
  }
  return runs.map((r) => (better === 'higher' ? Math.max(...r) : Math.min(...r)));
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'queues_1000') return console.log(await queues1000Line());
  redis = await startTestRedis();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-queue-')) });
  await call('connection.connect', { mode: 'url', url: redis.url });
  try {
    const [rawWorkerRate, rawInProcRate, ourWorkerRate] = (await bestOf(
      [
        () => throughput('raw-worker', rawProcess),
        () => throughput('raw-inproc', rawInProcess),
        () => throughput('qd-worker', queueDeskConsumer),
      ],
      'higher',
    )) as [number, number, number];
    console.log(
      `worker c=${CONCURRENCY}, ${WORKER_JOBS} jobs: raw worker process ${fmt(rawWorkerRate)} jobs/s ` +
        `(in the bench process ${fmt(rawInProcRate)}), QueueDesk worker process ${fmt(ourWorkerRate)} jobs/s`,
    );
    const [rawEnqueue, ourEnqueue] = (await bestOf(
      [() => enqueueRate('raw-add', rawAddBulk), () => enqueueRate('qd-add', addCopies)],
      'higher',
    )) as [number, number];
    console.log(
      `enqueue ${ENQUEUE_JOBS}: raw addBulk ${fmt(rawEnqueue)} jobs/s, jobs.addCopies ${fmt(ourEnqueue)} jobs/s`,
    );
    const [rawLatency, rawInProcLatency, ourLatency, apiOnly] = (await bestOf(
      [
        () => latency('raw-lat', rawProcess, rawAdd),
        () => latency('raw-inproc-lat', rawInProcess, rawAdd),
        () => latency('qd-lat', queueDeskConsumer, apiAdd),
        () => latency('api-lat', rawProcess, apiAdd),
      ],
      'lower',
    )) as [number, number, number, number];
    console.log(
      `enqueue→start median of ${LATENCY_RUNS}: raw add + raw worker process ${fmt(rawLatency, 2)} ms ` +
        `(in the bench process ${fmt(rawInProcLatency, 2)}), jobs.add + QueueDesk worker ${fmt(ourLatency, 2)} ms, ` +
        `jobs.add + raw worker process ${fmt(apiOnly, 2)} ms`,
    );
    console.log(celeryLine());
    console.log(await queues1000Line());
    console.log(
      `queue: worker_ratio=${fmt(ourWorkerRate / rawWorkerRate, 2)} enqueue_ratio=${fmt(ourEnqueue / rawEnqueue, 2)} ` +
        `latency_ratio=${fmt(ourLatency / rawLatency, 2)}`,
    );
  } finally {
    await host.close();
    await redis.stop();
  }
}

if (process.argv[2] === '--raw-worker') await runRawWorkerChild(process.argv[3] ?? '', process.argv[4] ?? '');
else await main();
