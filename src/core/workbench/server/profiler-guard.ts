/** How often each server is asked what it holds for the profiler's connection (CLIENT LIST ID: one line, cheap). */
export const GUARD_MS = 250;
/** The most Redis may buffer for the profiler before the run stops. */
export const GUARD_MAX_BYTES = 32 * 1024 * 1024;
/** With maxmemory set, at most this share of it: the buffer counts in used_memory and can make Redis evict. */
const MAXMEMORY_SHARE = 0.1;
const GUARD_MIN_BYTES = 1024 * 1024;

/** What the guard asks one server, on a connection other than the MONITOR one (that one takes no commands). */
export interface ServerProbe {
  /** The client's buffers on the server (CLIENT LIST's tot-mem, which holds omem); null when it is gone. */
  clientMemory(id: string): Promise<number | null>;
  /** The server's maxmemory in bytes, 0 when unset or unreadable. */
  maxmemory(): Promise<number>;
}

/** The bound for one server: 32 MB, or a tenth of maxmemory when that is less (never under 1 MB). */
export function guardLimit(maxmemory: number): number {
  if (maxmemory <= 0) return GUARD_MAX_BYTES;
  return Math.max(GUARD_MIN_BYTES, Math.min(GUARD_MAX_BYTES, Math.floor(maxmemory * MAXMEMORY_SHARE)));
}

export function guardMessage(bytes: number, limit: number, node: string | undefined): string {
  const mb = (n: number): string => (n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  const where = node ? ` (${node})` : '';
  return (
    `Redis${where} was buffering ${mb(bytes)} MB for the profiler (limit ${mb(limit)} MB): QueueDesk read ` +
    `its MONITOR output slower than Redis wrote it; stopped to protect Redis's memory`
  );
}

/**
 * Watches, at a low rate, how much output Redis holds for the profiler's MONITOR connection: by default Redis
 * puts no limit on a normal client's output buffer, so a reader that falls behind a busy server makes Redis's
 * memory grow until the run ends. Past the bound it calls `over` once. One probe at a time per server: a slow
 * server is never asked again before it answered.
 */
export class BufferGuard {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The largest buffer seen during the run, in bytes (any server). */
  peak = 0;

  constructor(
    private readonly probe: ServerProbe,
    private readonly clientId: string,
    private readonly limit: number,
    private readonly over: (bytes: number) => void,
  ) {}

  static async start(
    probe: ServerProbe,
    clientId: string,
    over: (bytes: number, limit: number) => void,
  ): Promise<BufferGuard> {
    const limit = guardLimit(await probe.maxmemory().catch(() => 0));
    const guard = new BufferGuard(probe, clientId, limit, (bytes) => over(bytes, limit));
    guard.schedule();
    return guard;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.stopped) this.timer = setTimeout(() => void this.check(), GUARD_MS);
  }

  private async check(): Promise<void> {
    // A failed probe is not a reason to stop the run: the MONITOR connection's own close already is one.
    const bytes = await this.probe.clientMemory(this.clientId).catch(() => null);
    if (this.stopped) return;
    if (bytes !== null) {
      this.peak = Math.max(this.peak, bytes);
      if (bytes > this.limit) {
        this.stop();
        this.over(bytes);
        return;
      }
    }
    this.schedule();
  }
}
