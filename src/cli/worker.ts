import { hostname } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type LoadedConfig } from '../core/config/load';
import { WorkerRuntime } from '../core/worker/runtime';
import { projectRedis } from '../core/config/redis';
import { projectInFolder } from './project-config';

const HELP = `Usage: queuedesk worker [--config <file|folder>] [--redis URL] [--queues a,b] [--concurrency N]

Runs the project's tasks for its queues, headless: workers on any machine can share one Redis.
  --config       queuedesk.config.{ts,js,json}, or its folder (default: the current folder's)
  --redis        Redis URL (else REDIS_URL, else the config's connection)
  --queues       comma-separated queues (else the config's queues)
  --concurrency  jobs at once per queue (else the config's, else 5)
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

  console.log(`queuedesk worker: ${loaded.path} → ${redis.shown}`);
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
        printLog,
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

/** SIGINT/SIGTERM drain and exit 0; a second signal exits at once (running jobs go back via stalled checks). */
export function onStopSignals(drain: () => Promise<void>): void {
  let count = 0;
  const handler = (signal: string): void => {
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
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}

type StringOptions = Record<string, { type: 'string' }>;

/**
 * The arguments `worker` and `beat` share: --config (default: the current folder's), --redis, --help; plus the
 * command's own.
 * Returns null after printing the help.
 */
export async function projectArgs<O extends StringOptions>(
  argv: string[],
  help: string,
  extra: O,
): Promise<{
  values: { [K in keyof O]?: string };
  loaded: LoadedConfig;
  redis: ReturnType<typeof projectRedis>;
} | null> {
  const options = {
    ...extra,
    config: { type: 'string' },
    redis: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  } satisfies ParseArgsConfig['options'];
  const { values } = parseArgs({ args: argv, options }) as {
    values: Record<string, string | boolean | undefined>;
  };
  if (values.help) {
    process.stdout.write(help);
    return null;
  }
  const config = typeof values.config === 'string' ? values.config : projectInFolder(process.cwd());
  if (!config) {
    process.stdout.write(help);
    throw new Error(`no queuedesk.config.* in ${process.cwd()}: pass --config`);
  }
  const loaded = await loadConfig(config);
  const redis = projectRedis(loaded, typeof values.redis === 'string' ? values.redis : undefined);
  return { values: values as { [K in keyof O]?: string }, loaded, redis };
}
