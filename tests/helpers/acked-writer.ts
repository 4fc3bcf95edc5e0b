import { Cluster, type Redis } from 'ioredis';

export interface AckedWriter {
  /** Keys whose SET was answered OK and reached at least one replica (WAIT), in write order. */
  acked: string[];
  /** Writes that failed or that no replica confirmed (not promised to survive a failover). */
  unconfirmed: number;
  stop(): Promise<void>;
}

/** Pause between writes: a steady trickle, not a load test on a machine other tests share. */
const PACE_MS = 5;

/**
 * An application writing through a failover (on a Cluster, or to a Sentinel-managed primary): SET then `WAIT 1`
 * in one pipeline, so both go to the key's primary on the same connection (WAIT confirms that connection's last
 * write). Redis replicates asynchronously; only a write a replica has confirmed is promised to outlive its
 * primary, so only those count as acknowledged.
 */
export function startAckedWriter(client: Redis | Cluster, prefix: string): AckedWriter {
  const acked: string[] = [];
  let unconfirmed = 0;
  let running = true;
  const loop = (async (): Promise<void> => {
    for (let i = 0; running; i++) {
      const key = `${prefix}${i}`;
      try {
        const replies = await client.pipeline().set(key, String(i)).call('WAIT', '1', '500').exec();
        const [set, wait] = replies ?? [];
        if (!set?.[0] && set?.[1] === 'OK' && !wait?.[0] && Number(wait?.[1]) >= 1) acked.push(key);
        else {
          unconfirmed++;
          // A pipeline whose SET alone was MOVED (WAIT has no key, so it succeeds) is not retried by ioredis,
          // nor is the slot map refreshed: the application does it, as one following a failover must.
          if (set?.[0] && client instanceof Cluster)
            await new Promise((r) => client.refreshSlotsCache(() => r(undefined)));
        }
      } catch {
        unconfirmed++;
      }
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
  })();
  return {
    acked,
    get unconfirmed() {
      return unconfirmed;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
