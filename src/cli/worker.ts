import { hostname } from 'node:os';
import { WorkerRuntime } from '../core/worker/runtime';
import { projectArgs } from './project-args';
import { REDIS_ENV_HELP, REDIS_FLAGS_HELP } from './redis-flags';
import { checkCertificate, cliTlsHint } from './tls-flags';
import { tlsFailure } from '../core/connection/tls-failure';
import { onStopRequest } from './stop-requests';

const HELP = `Usage: queuedesk worker [--config <file|folder>] [--redis URL | --cluster host:port,… |
                        --sentinel host:port,… --master NAME] [--tls] [--tls-ca FILE]
                        [--tls-skip-verify] [--queues a,b] [--concurrency N]

Runs the project's tasks for its queues, headless: workers on any machine can share one Redis.
  --config       queuedesk.config.{ts,js,json}, or its folder (default: the current folder's)
${REDIS_FLAGS_HELP}
  --queues       comma-separated queues (else the config's queues)
  --concurrency  jobs at once per queue (else the config's, else 5)
On a Redis Cluster the config's prefix needs a hash tag, such as "{bull}".
${REDIS_ENV_HELP}
SIGINT / SIGTERM finish the running jobs, then exit; a second one stops at once.
`;

export async function workerCommand(argv: string[]): Promise<void> {
  const args = await projectArgs(argv, HELP, { queues: { type: 'string' }, concurrency: { type: 'string' } });
  if (!args) return;
  const { values, loaded, redis } = args;
  const override = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (override !== undefined && (!Number.isInteger(override) || override < 1 || override > 1000))
    throw new Error(`--concurrency: not a number from 1 to 1000: ${values.concurrency}`);
  const queues = values.queues
    ? values.queues.split(',').map((name) => ({ name: name.trim(), concurrency: override ?? 5 }))
    : loaded.config.queues.map((q) => ({ ...q, concurrency: override ?? q.concurrency }));
  if (!queues.length) throw new Error(`no queues: pass --queues or list "queues" in ${loaded.path}`);
  await checkCertificate(redis);

  console.log(`queuedesk worker: ${loaded.path} → ${redis.shown}`);
  // A certificate that changes later is reported with what to do, as at the start (a job's own errors aside).
  const hint = cliTlsHint(redis);
  const log = (l: Parameters<typeof printLog>[0]): void =>
    printLog(l.level === 'error' && !l.jobId ? { ...l, line: tlsFailure(l.line, hint) } : l);
  // One runtime per queue: each queue keeps its own concurrency from the config.
  const runtimes = queues.map(
    (q) =>
      new WorkerRuntime(
        {
          kind: 'worker',
          id: `cli-${hostname()}-${process.pid}`,
          connection: redis.options,
          prefix: loaded.config.prefix,
          queues: [q.name],
          concurrency: q.concurrency,
          taskModule: loaded.taskModule,
        },
        log,
      ),
  );
  onStopSignals(async () => {
    await Promise.all(runtimes.map((r) => r.close(false)));
  });
  await Promise.all(runtimes.map((r) => r.start()));
}

/** Prints a child-style log line on the console, the way `queuedesk worker` and `beat` report. */
export function printLog(l: {
  ts: number;
  level: string;
  line: string;
  jobId?: string;
  queue?: string;
}): void {
  const where = l.queue ? ` ${l.queue}${l.jobId ? `#${l.jobId}` : ''}` : '';
  const text = `${new Date(l.ts).toISOString()} ${l.level.padEnd(5)}${where} ${l.line}`;
  if (l.level === 'error') console.error(text);
  else console.log(text);
}

/**
 * SIGINT/SIGTERM/SIGHUP (or the npm that started it exiting) drain and exit 0; a second signal exits at once
 * (running jobs go back via stalled checks).
 */
export function onStopSignals(drain: () => Promise<void>): void {
  let count = 0;
  onStopRequest((signal) => {
    count++;
    console.log(
      count === 1 ? `${signal}: finishing running work (again to force)…` : `${signal}: stopping now`,
    );
    // The first drain may wait on a Redis that never comes back; forcing it through the same close would too.
    if (count > 1) process.exit(1);
    void drain().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  });
}
