import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The redis-server to run for the embedded mode: REDISMS_SYSTEM_BINARY, else the first on PATH.
 * Undefined lets redis-memory-server fetch and build one (needs internet).
 */
export function findRedisServerBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.REDISMS_SYSTEM_BINARY;
  if (named) return named;
  return findOnPath('redis-server', env);
}

/** The first executable called `name` on PATH or in the usual install folders. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
