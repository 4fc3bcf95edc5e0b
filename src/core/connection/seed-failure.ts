import type { RedisOptions } from 'ioredis';
import { createClient } from './client-factory';

/**
 * What ioredis says when it lost the reason: a Cluster asks for the slots, and the Sentinel connector asks the
 * sentinels, on sockets whose errors it drops.
 */
const WITHOUT_REASON =
  /Connection is closed|Failed to refresh slots cache|None of startup nodes is available|timed out connecting/i;

type Endpoint = { host: string; port: number };

/**
 * Why a cluster or a Sentinel set could not be reached, when ioredis only says it failed: asks the seed nodes
 * (`clusterNodes`, with the per-node options) or the sentinels (with their own TLS and credentials) at once, each
 * on a plain socket bounded by `timeoutMs` (a frozen node accepts the socket and never answers), and returns the
 * first one's own reason (an untrusted certificate, WRONGPASS, ECONNREFUSED…); on a cluster where no node
 * answers, each node with its reason. `message` itself when it already says why or every one answers.
 */
export async function failureReason(
  message: string,
  options: RedisOptions,
  clusterNodes: Endpoint[] | null,
  timeoutMs: number,
): Promise<string> {
  if (!WITHOUT_REASON.test(message)) return message;
  const probes = clusterNodes
    ? clusterNodes.map((node) => ({ ...options, ...node }))
    : (options.sentinels ?? []).map((s) => ({
        host: s.host,
        port: s.port,
        tls: options.sentinelTLS,
        username: options.sentinelUsername,
        password: options.sentinelPassword,
      }));
  const reasons = await Promise.all(probes.map((p) => probeReason(p, timeoutMs, Boolean(clusterNodes))));
  const failed = reasons.filter((r): r is string => r !== null);
  if (!failed.length) return message;
  if (clusterNodes && failed.length === probes.length && probes.length > 1)
    return `no node answered: ${probes.map((p, i) => `${p.host}:${p.port} (${reasons[i]})`).join(', ')}`;
  return failed[0]!;
}

/** Why one endpoint does not serve, or null when it answers (as a cluster node, when `clusterNode`). */
async function probeReason(
  options: RedisOptions,
  timeoutMs: number,
  clusterNode: boolean,
): Promise<string | null> {
  const probe = createClient(options, 'probe', undefined, {
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  let cause: string | undefined;
  probe.on('error', (err: Error) => (cause ??= err.message));
  try {
    await probe.connect();
    await probe.ping();
    if (clusterNode && /cluster_enabled:0/.test(await probe.info('cluster')))
      return 'not a cluster node: it runs with cluster support disabled (connect to it by URL)';
    return null;
  } catch (err) {
    const said = cause ?? (err instanceof Error ? err.message : String(err));
    return /Command timed out/i.test(said) ? `no answer within ${timeoutMs} ms (frozen or not Redis?)` : said;
  } finally {
    probe.disconnect();
  }
}
