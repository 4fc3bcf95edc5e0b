import { duplicateNamed, isCluster, type AnyRedis } from '../connection/any-redis';
import { z } from 'zod';

/**
 * Requests to stop an active job travel on one pub/sub channel that every QueueDesk worker listens to (forked
 * by the app or run by `queuedesk worker` on any machine): only the worker holding the job acts on it.
 */
export const CANCEL_CHANNEL = 'queuedesk:jobs:cancel';

const CancelRequest = z.object({
  /** Pub/sub crosses databases; a worker of another db must not act on a same-named job. */
  db: z.number().int(),
  prefix: z.string(),
  queue: z.string(),
  id: z.string(),
  reason: z.string(),
});
export type CancelRequest = z.infer<typeof CancelRequest>;

/** Publishes a request; answers how many QueueDesk workers heard it (0: none listens on this server). */
export async function requestCancel(redis: AnyRedis, request: CancelRequest): Promise<number> {
  const here = await redis.publish(CANCEL_CHANNEL, JSON.stringify(request));
  if (!isCluster(redis)) return here;
  // On a cluster the message reaches every node's subscribers, but PUBLISH counts only its own node's.
  const counts = await Promise.all(
    redis
      .nodes('all')
      .map(async (node) => Number(((await node.pubsub('NUMSUB', CANCEL_CHANNEL)) as unknown[])[1])),
  );
  return counts.reduce((a, n) => a + n, 0);
}

/** Listens on its own connection (a subscribed one can send nothing else); returns how to stop listening. */
export async function listenForCancels(
  base: AnyRedis,
  onRequest: (request: CancelRequest) => void,
): Promise<() => void> {
  // On a cluster a classic channel's messages reach every node's subscribers: one subscribed node hears them.
  const sub = duplicateNamed(base, 'cancel');
  sub.on('error', () => undefined); // the worker's own connection reports Redis trouble
  sub.on('message', (_channel: string, text: string) => {
    try {
      const parsed = CancelRequest.safeParse(JSON.parse(text));
      if (parsed.success) onRequest(parsed.data);
    } catch {
      // Not ours: anyone may publish on a channel.
    }
  });
  await sub.subscribe(CANCEL_CHANNEL);
  return () => sub.disconnect();
}
