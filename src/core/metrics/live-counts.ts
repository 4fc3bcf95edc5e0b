import type { EngineName } from '../../shared/contract/engines';
import type { JobEvent } from '../../shared/contract/queues';
import { LIVE_WINDOW_MINUTES } from '../../shared/contract/metrics';

const SECOND_MS = 1000;
const SECONDS = LIVE_WINDOW_MINUTES * 60;

/** One queue's last five minutes: a ring of per-second counts, each slot stamped with the second it holds. */
interface Ring {
  second: Float64Array;
  completed: Uint32Array;
  failed: Uint32Array;
  lastEventAt: number;
}

export interface LiveSecond {
  t: number;
  completed: number;
  failed: number;
}

const slotKey = (engine: EngineName, prefix: string, queue: string): string => `${engine}|${prefix}|${queue}`;

/**
 * Completed and failed per second from the job events the host already receives, so a short test fills a chart
 * instead of its last pixel, with no extra Redis reads. Counts by the event's own time; an event stamped ahead
 * of this clock (Redis or a worker on another machine) counts in the current second.
 */
export class LiveCounts {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly clock: () => number = Date.now) {}

  record(engine: EngineName, event: JobEvent): void {
    const now = this.clock();
    const key = slotKey(engine, event.prefix, event.queue);
    let ring = this.rings.get(key);
    if (!ring) {
      ring = {
        second: new Float64Array(SECONDS).fill(-1),
        completed: new Uint32Array(SECONDS),
        failed: new Uint32Array(SECONDS),
        lastEventAt: 0,
      };
      this.rings.set(key, ring);
    }
    const at = Math.min(event.ts, now);
    ring.lastEventAt = Math.max(ring.lastEventAt, at);
    if (event.kind !== 'completed' && event.kind !== 'failed') return;
    const second = Math.floor(at / SECOND_MS);
    if (second <= Math.floor(now / SECOND_MS) - SECONDS) return; // older than the window (a replayed stream)
    const slot = second % SECONDS;
    if (ring.second[slot] !== second) {
      ring.second[slot] = second;
      ring.completed[slot] = 0;
      ring.failed[slot] = 0;
    }
    ring[event.kind][slot]! += 1;
  }

  /** The last `seconds` seconds, oldest first, the current second last. */
  seconds(engine: EngineName, prefix: string, queue: string, seconds = SECONDS): LiveSecond[] {
    const ring = this.rings.get(slotKey(engine, prefix, queue));
    const current = Math.floor(this.clock() / SECOND_MS);
    const n = Math.min(seconds, SECONDS);
    return Array.from({ length: n }, (_, i) => {
      const second = current - (n - 1 - i);
      const slot = second % SECONDS;
      const held = ring && ring.second[slot] === second;
      return {
        t: second * SECOND_MS,
        completed: held ? ring.completed[slot]! : 0,
        failed: held ? ring.failed[slot]! : 0,
      };
    });
  }

  /** When the queue last had any job event, within the window; null otherwise. */
  lastEventAt(engine: EngineName, prefix: string, queue: string): number | null {
    const at = this.rings.get(slotKey(engine, prefix, queue))?.lastEventAt ?? 0;
    return at > this.clock() - SECONDS * SECOND_MS ? at : null;
  }

  /** Forgets every queue (the connection moved to another server). */
  clear(): void {
    this.rings.clear();
  }
}
