import type { RedisOptions } from 'ioredis';
import { urlOptions } from '../connection/manager';
import type { LoadedConfig } from './load';

/** The Redis a headless worker or beat uses: --redis, else REDIS_URL, else the config's connection. */
export function projectRedis(
  loaded: LoadedConfig,
  flag: string | undefined,
  env = process.env,
): { options: RedisOptions; shown: string } {
  const url = flag ?? env.REDIS_URL;
  if (url) return { options: urlOptions({ mode: 'url', url }), shown: url.replace(/\/\/[^@/]*@/, '//***@') };
  const c = loaded.config.connection;
  if (!c)
    throw new Error(
      `no Redis to use: pass --redis URL, set REDIS_URL, or add "connection" to ${loaded.path}`,
    );
  return { options: urlOptions({ mode: 'url', ...c }), shown: c.url.replace(/\/\/[^@/]*@/, '//***@') };
}
