// An example QueueDesk project: open this folder in QueueDesk (Processes → Open project), or run it headless:
//   queuedesk worker --config resources/example --redis redis://127.0.0.1:6379
//   queuedesk beat   --config resources/example --redis redis://127.0.0.1:6379
export default {
  // The Redis the CLI uses when neither --redis nor REDIS_URL is given (the app keeps its own connection).
  connection: { url: 'redis://127.0.0.1:6379' },
  // BullMQ's key prefix: the same as in your app's `new Queue(name, { prefix })`.
  prefix: 'bull',
  // Your handlers, loaded by QueueDesk's workers (TypeScript is fine); edits are picked up while they run.
  tasks: './tasks.ts',
  queues: [
    { name: 'emails', concurrency: 5 },
    { name: 'reports', concurrency: 2 },
  ],
  schedules: [
    // Every 30 s: a heartbeat you can watch in the Queues page.
    {
      id: 'example-heartbeat',
      task: 'demo.echo',
      queue: 'emails',
      args: { ping: true },
      trigger: { every: 30_000 },
    },
    // Weekdays at 07:30 in Paris: the morning report, retried up to 3 times.
    {
      id: 'example-morning-report',
      task: 'report.build',
      queue: 'reports',
      args: { name: 'daily', rows: 200 },
      options: { attempts: 3, backoff: { type: 'exponential', delayMs: 2000 } },
      trigger: { cron: '30 7 * * 1-5', tz: 'Europe/Paris' },
    },
  ],
  // Your own processes, run from the Processes page (Project commands) with their logs, restarts after a crash
  // (with back-off) and a stop that ends their whole process group. No shell runs them: a string is split into
  // words like a shell would (quotes, $VARS); pipes and `&&` need ["sh", "-c", "..."]. Uncomment to try with a
  // Celery project beside this file:
  // commands: [
  //   {
  //     id: 'celery-worker',
  //     command: 'celery -A proj worker -l info',
  //     cwd: '../backend', //                     relative to this file
  //     path: ['.venv/bin'], //                  put before PATH, relative to cwd: the virtualenv's celery
  //     env: { CELERY_BROKER_URL: 'redis://127.0.0.1:6379/0' },
  //     autostart: true, //                     start it when the project is opened
  //   },
  //   { id: 'celery-beat', command: ['celery', '-A', 'proj', 'beat', '-l', 'info'], cwd: '../backend', path: ['.venv/bin'] },
  // ],
};
