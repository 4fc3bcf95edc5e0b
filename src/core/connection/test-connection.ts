import type { UrlTarget } from '../../shared/contract';
import { urlOptions } from './manager';
import { parseInfo } from './info';
import { createClient } from './client-factory';

/** Opens a throw-away connection, asks INFO, and reports what happened; never changes the active connection. */
export async function testConnection(target: UrlTarget, password?: string) {
  const started = Date.now();
  const redis = createClient(urlOptions(target, password), 'probe', undefined, { connectTimeout: 3000 });
  // ioredis rejects with a bare "Connection is closed"; the socket's own error says why (ECONNREFUSED, NOAUTH…).
  let cause: string | undefined;
  redis.on('error', (err: Error) => (cause ??= err.message));
  try {
    await redis.connect();
    const info = parseInfo(await redis.info('server'));
    return { ok: true, version: info.version, latencyMs: Date.now() - started };
  } catch (err) {
    return { ok: false, error: cause ?? (err instanceof Error ? err.message : String(err)) };
  } finally {
    redis.disconnect();
  }
}
