import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type LoadedConfig } from '../core/config/load';
import { projectRedis, type ProjectRedis } from '../core/config/redis';
import { checkClusterPrefix } from '../core/queues/cluster-prefix';
import { projectInFolder } from './project-config';
import { flagTarget, REDIS_FLAGS, type RedisFlags } from './redis-flags';
import { skipVerifyWarning, tlsFlags } from './tls-flags';

type StringOptions = Record<string, { type: 'string' }>;

/**
 * The arguments `worker` and `beat` share: --config (default: the current folder's), the Redis flags, --help;
 * plus the command's own. Everything is checked before anything connects.
 * Returns null after printing the help.
 */
export async function projectArgs<O extends StringOptions>(
  argv: string[],
  help: string,
  extra: O,
): Promise<{
  values: { [K in keyof O]?: string };
  loaded: LoadedConfig;
  redis: ProjectRedis;
} | null> {
  const options = {
    ...extra,
    ...REDIS_FLAGS,
    config: { type: 'string' },
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
  const flag = flagTarget(values as unknown as RedisFlags);
  const tls = tlsFlags(values);
  const loaded = await loadConfig(config);
  const redis = projectRedis(loaded, flag, tls);
  try {
    checkClusterPrefix(redis.options, loaded.config.prefix);
  } catch (err) {
    throw new Error(`${loaded.path}: ${(err as Error).message}`, { cause: err });
  }
  if (redis.skipVerifyFrom) console.warn(skipVerifyWarning(redis.skipVerifyFrom));
  return { values: values as { [K in keyof O]?: string }, loaded, redis };
}
