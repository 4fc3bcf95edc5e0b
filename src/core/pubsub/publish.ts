import type { Cluster, Redis } from 'ioredis';

export interface Published {
  receivers: number;
  /** On a cluster: pattern subscribers on nodes other than the one published to are not in `receivers`. */
  atLeast?: true;
}

/**
 * A classic PUBLISH and how many subscribers it reached. On a cluster the message is propagated to every node's
 * subscribers, but PUBLISH answers for its own node only; so it goes to one chosen node, and every other node
 * (replicas too: clients subscribe there as well) is asked `PUBSUB NUMSUB channel`. NUMSUB counts channel
 * subscribers only: pattern subscribers on the other nodes that match cannot be counted exactly (PUBSUB NUMPAT is
 * every pattern, matching or not), so a cluster's figure is a lower bound.
 */
export async function publishCounted(
  client: Redis | Cluster,
  cluster: Cluster | null,
  channel: string,
  payload: Buffer,
): Promise<Published> {
  if (!cluster) return { receivers: await client.publish(channel, payload) };
  const [home, ...others] = cluster.nodes('all');
  if (!home) return { receivers: await cluster.publish(channel, payload), atLeast: true };
  const [here, ...elsewhere] = await Promise.all([
    home.publish(channel, payload),
    ...others.map((node) => numsub(node, channel)),
  ]);
  return { receivers: elsewhere.reduce((a, b) => a + b, here), atLeast: true };
}

/** Channel subscribers of one node; 0 from a node that cannot answer now (it is not reached by the message either). */
async function numsub(node: Redis, channel: string): Promise<number> {
  try {
    const reply = (await node.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
    return Number(reply[1] ?? 0);
  } catch {
    return 0;
  }
}
