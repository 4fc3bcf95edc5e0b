import type { Redis } from 'ioredis';
import type { ConfigSetting } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { configGet } from './config-read';
import { dangerNote, SAFE_SETTINGS } from './config-rules';

function describe(name: string, value: string): ConfigSetting {
  const safe = Object.prototype.hasOwnProperty.call(SAFE_SETTINGS, name) ? SAFE_SETTINGS[name] : undefined;
  if (!safe) return { name, value, editable: false, note: dangerNote(name) };
  return { name, value, editable: true, note: safe.note, ...(safe.choices ? { choices: safe.choices } : {}) };
}

export async function readConfig(redis: Redis, match: string): Promise<ConfigSetting[]> {
  const pairs = await configGet(redis, match);
  return pairs.map(([n, v]) => describe(n, v)).sort((a, b) => a.name.localeCompare(b.name));
}

/** CONFIG SET of a safe setting whose value passed its rule; anything else changes nothing. */
export async function setConfig(redis: Redis, name: string, value: string): Promise<ConfigSetting> {
  const key = name.toLowerCase();
  const safe = Object.prototype.hasOwnProperty.call(SAFE_SETTINGS, key) ? SAFE_SETTINGS[key] : undefined;
  if (!safe) throw new ApiError('FORBIDDEN', `${name} is read-only in QueueDesk: ${dangerNote(key)}`);
  const checked = safe.schema.safeParse(value.trim());
  if (!checked.success) {
    const why = checked.error.issues.map((i) => i.message).join('; ');
    throw new ApiError('INVALID_INPUT', `${key}: ${why}`);
  }
  const [current] = await configGet(redis, key);
  if (!current) throw new ApiError('UNSUPPORTED', `this server has no ${key} setting`);
  await redis.call('CONFIG', 'SET', key, checked.data);
  const [after] = await configGet(redis, key);
  return describe(key, after?.[1] ?? checked.data);
}
