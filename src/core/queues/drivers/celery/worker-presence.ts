import type { Redis } from 'ioredis';
import { call } from './control';
import type { Heartbeat } from './workers';

/** The fewest milliseconds between two `active_queues` broadcasts made for queue cards. */
export const PRESENCE_MIN_INTERVAL_MS = 10_000;

/** Whether a heartbeat still vouches for its worker (Celery's rule: alive until 2 × freq after the last beat). */
function beatAlive(beat: Heartbeat, now: number): boolean {
  return !beat.offline && now < beat.ts + beat.freqSec * 2000;
}

/**
 * How many Celery workers consume each queue, for the queue cards, without a broadcast per listing. The node →
 * queues map comes from one `active_queues` call, asked again only when a heartbeat names a node the map lacks
 * (a new worker), and never within 10 s of the last; heartbeats (which workers send anyway) drop the nodes that
 * went offline or silent in between. Listings only read the map; a refresh runs in the background.
 */
export class WorkerPresence {
  private byNode: Map<string, Set<string>> | null = null;
  private askedAt = 0;
  private asking: Promise<void> | null = null;
  /** Broadcasts made, for tests and status. */
  broadcasts = 0;

  constructor(
    private readonly redis: Redis,
    private readonly db: number,
    private readonly beats: Map<string, Heartbeat>,
  ) {}

  /** Workers consuming `queue`, or null until the first answer came. */
  countFor(queue: string, now = Date.now()): number | null {
    if (!this.byNode) return null;
    let n = 0;
    for (const [node, queues] of this.byNode) {
      const beat = this.beats.get(node);
      if (queues.has(queue) && (!beat || beatAlive(beat, now))) n++;
    }
    return n;
  }

  /** Called by a listing: asks the workers again if the map is missing or a new node beats, at most every 10 s. */
  refreshIfStale(now = Date.now()): void {
    if (this.asking || now - this.askedAt < PRESENCE_MIN_INTERVAL_MS) return;
    const known = this.byNode;
    const newcomer = [...this.beats].some(([node, beat]) => beatAlive(beat, now) && !known?.has(node));
    if (known && !newcomer) return;
    this.askedAt = now;
    this.broadcasts++;
    const beating = [...this.beats.keys()];
    this.asking = call(this.redis, this.db, 'active_queues')
      .then((replies) => {
        const map = new Map<string, Set<string>>();
        for (const [node, list] of replies) {
          const names = Array.isArray(list) ? list.map((q: { name?: unknown }) => String(q?.name)) : [];
          map.set(node, new Set(names));
        }
        // A beating node that does not answer keeps what it answered before (a worker too busy to answer within
        // the timeout still consumes its queues); one that never answered (a peer with no active_queues) counts
        // for none, and must not trigger every listing.
        for (const node of beating) if (!map.has(node)) map.set(node, known?.get(node) ?? new Set());
        this.byNode = map;
      })
      .catch(() => undefined) // Redis away: asked again after the interval
      .finally(() => {
        this.asking = null;
      });
  }

  /** Resolves when a broadcast in flight has answered (tests). */
  settled(): Promise<void> {
    return this.asking ?? Promise.resolve();
  }
}
