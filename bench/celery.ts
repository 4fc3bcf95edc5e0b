/**
 * Celery engine figures, on one redis-server, against Python's own Celery in the same run:
 * - enqueue: 10,000 no-op tasks by Python's `apply_async` in a loop (the baseline) vs QueueDesk's `jobs.addCopies`
 *   (no worker running): tasks/s each, ratio ours / Python;
 * - browse: 100,000 waiting messages: time to the first page of `jobs.list`, and to the full count of a search
 *   that decodes every message;
 * - events: a Celery worker (prefork c=2, events on) runs 5,000 tasks while QueueDesk follows celeryev: how many
 *   task-succeeded events reached the job-event stream of how many tasks sent; the host's RSS after.
 * Before it, `celery detail: count_cpu_ms=<n> rss_peak_mb=<n>`: the count's CPU time in this process (the wall time
 * on a shared machine is mostly waiting for a core) and the process's peak RSS (VmHWM).
 * Last line: `celery: enqueue_ratio=<ours/python> first_page_ms=<n> count_100k_ms=<n> events_seen=<seen>/<sent> rss_mb=<n>`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../src/core/host';
import { peakRssMb } from './peak-rss';
import type { JobEvent, MethodName, Params, Result } from '../src/shared/contract';
import { pythonSend, startCeleryWorker } from '../tests/helpers/celery-worker';
import { waitUntil } from '../tests/helpers/process-alive';
import { startTestRedis } from '../tests/helpers/redis-server';

const ENQUEUE = Number(process.env.BENCH_CELERY_ENQUEUE ?? 10_000);
const BROWSE = Number(process.env.BENCH_CELERY_BROWSE ?? 100_000);
const RUN = Number(process.env.BENCH_CELERY_RUN ?? 5_000);

const redis = await startTestRedis();
const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-celery-')) });
let succeeded = 0;
host.onEvent((event, data) => {
  if (event !== 'queues.events') return;
  for (const e of (data as { events: JobEvent[] }).events)
    if (e.queue === 'bench-run' && e.kind === 'completed') succeeded++;
});

async function call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Result<M>;
}

try {
  await call('connection.connect', { mode: 'url', url: redis.url });
  const copies = (queue: string, count: number, batchSize = 1000) =>
    call('jobs.addCopies', { engine: 'celery', queue, task: 'qd.noop', args: [], count, batchSize });

  const py = await pythonSend<{ seconds: number }>(redis.url, ['bench', 'bench-py', String(ENQUEUE)]);
  const pyRate = ENQUEUE / py.seconds;
  const t0 = performance.now();
  await copies('bench-qd', ENQUEUE);
  const ourRate = ENQUEUE / ((performance.now() - t0) / 1000);
  console.log(
    `enqueue ${ENQUEUE}: python apply_async ${pyRate.toFixed(0)} tasks/s, queuedesk addCopies ${ourRate.toFixed(0)} tasks/s`,
  );

  await copies('bench-list', BROWSE, 5000);
  const t1 = performance.now();
  const page = await call('jobs.list', {
    engine: 'celery',
    queue: 'bench-list',
    state: 'waiting',
    limit: 50,
  });
  const firstPageMs = performance.now() - t1;
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  const all = await call('jobs.list', {
    engine: 'celery',
    queue: 'bench-list',
    state: 'waiting',
    search: 'qd.noop',
    limit: 50,
  });
  const countMs = performance.now() - t2;
  // This process's CPU time for the count: on a shared machine the wall time is mostly waiting for a core.
  const countCpu = process.cpuUsage(cpu2);
  const countCpuMs = (countCpu.user + countCpu.system) / 1000;
  if (page.jobs.length !== 50 || all.total !== BROWSE)
    throw new Error(`browse: page ${page.jobs.length}, total ${all.total}`);
  console.log(
    `browse ${BROWSE}: first page ${firstPageMs.toFixed(1)} ms, decode+count all ${countMs.toFixed(0)} ms (${countCpuMs.toFixed(0)} ms of CPU)`,
  );
  await call('queues.obliterate', { engine: 'celery', queue: 'bench-list', confirm: BROWSE });

  const worker = await startCeleryWorker(redis.url, ['bench-run'], 'bench@qd');
  try {
    await call('queues.list', { engine: 'celery' }); // follows bench-run's events from here on
    const t3 = performance.now();
    await copies('bench-run', RUN);
    await waitUntil(
      async () => {
        const [row] = (await call('queues.list', { engine: 'celery' })).filter((q) => q.name === 'bench-run');
        return succeeded >= RUN || (row?.counts.waiting === 0 && row.counts.active === 0 && succeeded > 0);
      },
      120_000,
      100,
    );
    // The last events of a drained queue may still be on their way: wait for them, but not forever.
    await waitUntil(() => succeeded >= RUN, 5_000, 50).catch(() => undefined);
    console.log(
      `worker ${RUN} tasks in ${((performance.now() - t3) / 1000).toFixed(1)} s; task-succeeded seen ${succeeded}`,
    );
  } finally {
    await worker.stop();
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  console.log(`celery detail: count_cpu_ms=${countCpuMs.toFixed(0)} rss_peak_mb=${peakRssMb(process.pid)}`);
  console.log(
    `celery: enqueue_ratio=${(ourRate / pyRate).toFixed(1)} first_page_ms=${firstPageMs.toFixed(1)} count_100k_ms=${countMs.toFixed(0)} events_seen=${succeeded}/${RUN} rss_mb=${rssMb.toFixed(0)}`,
  );
} finally {
  await host.close();
  await redis.stop();
}
