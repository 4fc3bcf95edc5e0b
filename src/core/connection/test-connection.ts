import type { Cluster, Redis, RedisOptions } from 'ioredis';
import type { TestOutcome, TestTarget } from '../../shared/contract';
import { parseInfo } from './info';
import { primaryOf } from './manager';
import { createClient, createClusterClient } from './client-factory';
import { failureReason } from './seed-failure';
import { tlsFailure, type TlsHint } from './tls-failure';
import {
  clusterOptions,
  sentinelFailure,
  sentinelOptions,
  urlOptions,
  type StoredSecrets,
} from './target-options';

const TIMEOUT_MS = 3000;

/**
 * Opens a throw-away connection (through the sentinels, or to the cluster's nodes), asks INFO, and reports what
 * happened; never changes the active connection. `hint` names the TLS remedies as the caller's user gives them.
 */
export async function testConnection(
  target: TestTarget,
  stored: StoredSecrets = {},
  hint?: TlsHint,
): Promise<TestOutcome> {
  const started = Date.now();
  const { options, nodes } = targetOptions(target, stored);
  const client = probeClient(target.mode, options, nodes);
  // ioredis rejects with a bare "Connection is closed"; the socket's own error says why (ECONNREFUSED, NOAUTH…).
  let cause: string | undefined;
  client.on('error', (err: Error) => (cause ??= err.message));
  // A cluster's own error is "Failed to refresh slots cache"; the node's says why (WRONGPASS, ECONNREFUSED…).
  client.on('node error', (err: Error) => (cause ??= err.message));
  try {
    await client.connect();
    const info = parseInfo(await client.info('server'));
    const out: TestOutcome = { ok: true, version: info.version, latencyMs: Date.now() - started };
    if (target.mode === 'sentinel') out.primary = primaryOf(client as Redis).primary;
    if (target.mode === 'cluster') out.primaries = (client as Cluster).nodes('master').length;
    return out;
  } catch (err) {
    const said = cause ?? (err instanceof Error ? err.message : String(err));
    const raw = await failureReason(said, options, nodes, TIMEOUT_MS);
    return {
      ok: false,
      error: tlsFailure(target.mode === 'sentinel' ? sentinelFailure(raw, target.name) : raw, hint),
    };
  } finally {
    client.disconnect();
  }
}

/** The options of any target (a cluster's per-node options, and its seed nodes). */
function targetOptions(
  target: TestTarget,
  stored: StoredSecrets,
): { options: RedisOptions; nodes: Array<{ host: string; port: number }> | null } {
  if (target.mode === 'url') return { options: urlOptions(target, stored.password), nodes: null };
  if (target.mode === 'sentinel') return { options: sentinelOptions(target, stored), nodes: null };
  return clusterOptions(target, stored);
}

function probeClient(
  mode: TestTarget['mode'],
  options: RedisOptions,
  nodes: Array<{ host: string; port: number }> | null,
): Redis | Cluster {
  if (nodes)
    return createClusterClient(nodes, options, 'probe', undefined, {
      lazyConnect: true,
      clusterRetryStrategy: () => null,
      redisOptions: { connectTimeout: TIMEOUT_MS },
    });
  return createClient(options, 'probe', undefined, {
    connectTimeout: TIMEOUT_MS,
    // Sentinel: ask each sentinel once; a test reports, it does not wait for them to come back.
    ...(mode === 'sentinel' ? { sentinelRetryStrategy: () => null } : {}),
  });
}
