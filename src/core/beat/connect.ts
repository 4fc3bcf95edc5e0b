import type { AnyRedis } from '../connection/any-redis';
import { createAnyClient, type SharedOptions } from '../connection/client-factory';
import { checkClusterPrefix } from '../queues/cluster-prefix';

/**
 * A beat's own client, as the app's beat process and `queuedesk beat` open it: a Cluster on a cluster (where the
 * store and the lock use the `queuedesk:{beat}:` keys), refused there up front for a prefix without a hash tag.
 * Resolves once Redis answers.
 */
export async function openBeatClient(
  connection: SharedOptions,
  prefix: string,
  connectionName: string,
  onError: (err: Error) => void = () => undefined,
): Promise<AnyRedis> {
  checkClusterPrefix(connection, prefix);
  const redis = createAnyClient(connection, 'blocking', connectionName);
  redis.on('error', onError);
  await redis.ping();
  return redis;
}
