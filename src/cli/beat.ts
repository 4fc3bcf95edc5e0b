import { openBeatClient } from '../core/beat/connect';
import { BeatRunner } from '../core/beat/runner';
import { ScheduleStore } from '../core/beat/store';
import { projectArgs } from './project-args';
import { REDIS_ENV_HELP, REDIS_FLAGS_HELP } from './redis-flags';
import { tlsFailure } from '../core/connection/tls-failure';
import { checkCertificate, cliTlsHint } from './tls-flags';
import { onStopSignals, printLog } from './worker';

const HELP = `Usage: queuedesk beat [--config <file|folder>] [--redis URL | --cluster host:port,… |
                      --sentinel host:port,… --master NAME] [--tls] [--tls-ca FILE]
                      [--tls-skip-verify] [--lock-ttl ms]

Enqueues the project's scheduled tasks, headless. Run several for safety (on several machines): one leads (a
lock in Redis), the others take over within the lock time if it dies; no tick is sent twice. The config's
schedules are upserted at start; schedules added in the app run too. The host shown in the app is the machine's
name, or QUEUEDESK_HOST_NAME when set.
  --config       queuedesk.config.{ts,js,json}, or its folder (default: the current folder's)
${REDIS_FLAGS_HELP}
  --lock-ttl     how long the leader's lock lives without renewal, in ms (default 5000): the longest a dead
                 leader's schedules wait
On a Redis Cluster the config's prefix needs a hash tag, such as "{bull}".
${REDIS_ENV_HELP}
`;

export async function beatCommand(argv: string[]): Promise<void> {
  const args = await projectArgs(argv, HELP, { 'lock-ttl': { type: 'string' } });
  if (!args) return;
  const { loaded, redis: target, values } = args;
  const lockTtlMs = values['lock-ttl'] === undefined ? undefined : Number(values['lock-ttl']);
  if (lockTtlMs !== undefined && (!Number.isInteger(lockTtlMs) || lockTtlMs < 500 || lockTtlMs > 600_000))
    throw new Error(`--lock-ttl: not a number of ms from 500 to 600000: ${values['lock-ttl']}`);
  await checkCertificate(target);
  const redis = await openBeatClient(target.options, loaded.config.prefix, 'queuedesk:beat-cli', (err) =>
    printLog({
      ts: Date.now(),
      level: 'error',
      line: `redis: ${tlsFailure(err.message, cliTlsHint(target))}`,
    }),
  );
  const changed = await new ScheduleStore(redis).upsert(loaded.config.schedules);
  console.log(
    `queuedesk beat: ${loaded.path} → ${target.shown}; ${loaded.config.schedules.length} schedules in the config, ${changed} added or updated`,
  );
  const runner = new BeatRunner({
    redis,
    connection: target.options,
    prefix: loaded.config.prefix,
    log: printLog,
    via: 'cli',
    ...(lockTtlMs === undefined ? {} : { lockTtlMs }),
  });
  onStopSignals(async () => {
    await runner.stop();
    redis.disconnect();
  });
  runner.start();
}
