import { createClient } from '../core/connection/client-factory';
import { BeatRunner } from '../core/beat/runner';
import { ScheduleStore } from '../core/beat/store';
import { onStopSignals, printLog, projectArgs } from './worker';

const HELP = `Usage: queuedesk beat [--config <file|folder>] [--redis URL]

Enqueues the project's scheduled tasks, headless. Run several for safety: one leads (a lock in Redis), the others
take over if it dies. The config's schedules are upserted at start; schedules added in the app run too.
  --config  queuedesk.config.{ts,js,json}, or its folder (default: the current folder's)
  --redis   Redis URL (else REDIS_URL, else the config's connection)
`;

export async function beatCommand(argv: string[]): Promise<void> {
  const args = await projectArgs(argv, HELP, {});
  if (!args) return;
  const { loaded, redis: target } = args;
  const redis = createClient(target.options, 'blocking', 'queuedesk:beat-cli');
  redis.on('error', (err: Error) =>
    printLog({ ts: Date.now(), level: 'error', line: `redis: ${err.message}` }),
  );
  await redis.ping();
  const changed = await new ScheduleStore(redis).upsert(loaded.config.schedules);
  console.log(
    `queuedesk beat: ${loaded.path} → ${target.shown}; ${loaded.config.schedules.length} schedules in the config, ${changed} added or updated`,
  );
  const runner = new BeatRunner({ redis, prefix: loaded.config.prefix, log: printLog });
  onStopSignals(async () => {
    await runner.stop();
    redis.disconnect();
  });
  runner.start();
}
