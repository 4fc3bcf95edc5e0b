import { randomUUID } from 'node:crypto';
import type { RedisOptions } from 'ioredis';
import type {
  ProfilerLine,
  ProfilerLinesEvent,
  ProfilerStatus,
  ProfilerStopReason,
} from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { CappedBatcher } from '../../capped-batcher';
import { RawConnection } from '../console/raw-connection';
import { capLine } from './display';
import { parseMonitorLine } from './monitor-line';
import type { MonitorLine } from './monitor-line';
import type { ClientNames } from './own-addresses';

/** 10 batches a second at most, 500 lines each: past that, lines are dropped and counted. */
const BATCH_MS = 100;
const BATCH_MAX = 500;
/** Totals go out this often even when no line is shown (all hidden as QueueDesk's own, or none at all). */
const TOTALS_MS = 1000;
/** Lines held while the names of a new address are looked up; past this they are dropped (counted). */
const PENDING_MAX = 20_000;
/** When the UI link is this far behind, whole batches are dropped (counted) rather than queued. */
const BACKLOG_LIMIT_BYTES = 4 * 1024 * 1024;

export interface ProfilerDeps {
  options(): RedisOptions;
  names(): ClientNames;
  emit(e: ProfilerLinesEvent): void;
  backlogBytes(): number;
}

interface Run {
  status: ProfilerStatus;
  conn: RawConnection;
  names: ClientNames;
  batch: CappedBatcher<ProfilerLine>;
  timer: NodeJS.Timeout;
  totalsTimer: NodeJS.Timeout;
  /** `received` when totals last went out. */
  reported: number;
  received: number;
  dropped: number;
  ownHidden: number;
  /** Whose commands `lua` lines are: MONITOR prints a script's calls right after the EVAL that ran them. */
  lastCaller: { name: string; own: boolean };
  /** Lines waiting, in order, for CLIENT LIST to name an address first seen among them. */
  pending: MonitorLine[];
  stopped: boolean;
}

/** MONITOR on a connection of its own, one run at a time, for a bounded time. */
export class Profiler {
  private run: Run | null = null;

  constructor(private readonly deps: ProfilerDeps) {}

  async start(seconds: number, excludeOwn: boolean, profilerId?: string): Promise<ProfilerStatus> {
    const names = this.deps.names();
    let conn: RawConnection;
    try {
      conn = await RawConnection.open(this.deps.options(), 'queuedesk:profiler');
      await names.start();
    } catch (err) {
      names.stop();
      throw new ApiError('NOT_CONNECTED', `profiler could not connect: ${(err as Error).message}`);
    }
    const startedAt = Date.now();
    const status = {
      profilerId: profilerId ?? randomUUID(),
      startedAt,
      endsAt: startedAt + seconds * 1000,
      excludeOwn,
    };
    const run: Run = {
      status,
      conn,
      names,
      batch: new CappedBatcher((lines, dropped) => this.flush(run, lines, dropped), BATCH_MS, BATCH_MAX),
      timer: setTimeout(() => this.stop(status.profilerId, 'time'), seconds * 1000),
      totalsTimer: setInterval(() => {
        run.batch.flush();
        this.emitTotals(run);
      }, TOTALS_MS),
      reported: 0,
      received: 0,
      dropped: 0,
      ownHidden: 0,
      lastCaller: { name: '', own: false },
      pending: [],
      stopped: false,
    };
    // One run at a time; checked after the awaits above, so two starts at once cannot both stay open.
    this.stop(undefined, 'replaced');
    this.run = run;
    conn.onExtra = (reply) => reply.type === 'status' && this.take(run, reply.value);
    conn.onClosed = () => this.stop(status.profilerId, 'connection');
    const ok = await conn.send([Buffer.from('MONITOR')]);
    // A run replaced or stopped meanwhile ends quietly: its last batch already said why.
    if (ok.type === 'error' && !run.stopped) {
      this.stop(status.profilerId, 'connection');
      throw new ApiError('REDIS_ERROR', ok.value);
    }
    return status;
  }

  /** Stops the run (if it is `profilerId`, or any); its last batch carries the reason. */
  stop(profilerId: string | undefined, reason: ProfilerStopReason): number {
    const run = this.run;
    if (!run || (profilerId !== undefined && run.status.profilerId !== profilerId)) return 0;
    this.run = null;
    run.batch.flush(); // what was already received still goes out, before the last batch says why it ended
    run.stopped = true;
    clearTimeout(run.timer);
    clearInterval(run.totalsTimer);
    run.names.stop();
    run.conn.onClosed = () => undefined;
    run.conn.close();
    this.deps.emit({ ...this.totals(run), lines: [], stopped: reason });
    return 1;
  }

  private take(run: Run, text: string): void {
    const parsed = parseMonitorLine(text);
    if (!parsed || run.stopped) return;
    run.received++;
    const unseen = parsed.addr !== 'lua' && run.names.known(parsed.addr) === undefined;
    if (run.pending.length === 0 && !unseen) return this.show(run, parsed);
    if (run.pending.length >= PENDING_MAX) {
      run.dropped++;
      return;
    }
    run.pending.push(parsed);
    if (run.pending.length === 1) {
      void run.names.refresh().then(() => {
        for (const line of run.pending.splice(0)) if (!run.stopped) this.show(run, line);
      });
    }
  }

  private show(run: Run, line: MonitorLine): void {
    const caller = line.addr === 'lua' ? run.lastCaller : run.names.lookup(line.addr);
    if (line.addr !== 'lua') run.lastCaller = caller;
    if (caller.own && run.status.excludeOwn) {
      run.ownHidden++;
      return;
    }
    run.batch.push({ ...line, command: capLine(line.command), clientName: caller.name, own: caller.own });
  }

  private flush(run: Run, lines: ProfilerLine[], dropped: number): void {
    if (run.stopped) return;
    run.dropped += dropped;
    if (this.deps.backlogBytes() > BACKLOG_LIMIT_BYTES) {
      run.dropped += lines.length;
      lines = [];
    }
    this.deps.emit({ ...this.totals(run), lines });
    run.reported = run.received;
  }

  private emitTotals(run: Run): void {
    if (run.received === run.reported) return;
    this.deps.emit({ ...this.totals(run), lines: [] });
    run.reported = run.received;
  }

  private totals(run: Run): Omit<ProfilerLinesEvent, 'lines'> {
    return {
      profilerId: run.status.profilerId,
      received: run.received,
      dropped: run.dropped,
      ownHidden: run.ownHidden,
    };
  }
}
