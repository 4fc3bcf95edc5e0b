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
import { BufferGuard, guardMessage, type ServerProbe } from './profiler-guard';

/** A client naming itself: its lines carry the name at once, not from the next CLIENT LIST on (Redis names have no quotes or spaces). */
const SETNAME = /^"client" "setname" "([^"\\\s]*)"$/i;
/** 10 batches a second at most, 500 lines each: past that, lines are dropped and counted. */
const BATCH_MS = 100;
const BATCH_MAX = 500;
/** Totals go out this often even when no line is shown (all hidden as QueueDesk's own, or none at all). */
const TOTALS_MS = 1000;
/** Lines held while the names of a new address are looked up; past this they are dropped (counted). */
const PENDING_MAX = 20_000;
/** When the UI link is this far behind, whole batches are dropped (counted) rather than queued. */
const BACKLOG_LIMIT_BYTES = 4 * 1024 * 1024;

/** One server to MONITOR: the one server, or a node of a cluster (its lines then carry `node`). */
export interface MonitorTarget {
  node?: string;
  options: RedisOptions;
  /** That server's clients, by address. */
  names: ClientNames;
  /** Asks that server what it buffers for the MONITOR connection. */
  probe: ServerProbe;
}

export interface ProfilerDeps {
  /** The servers to watch: on a cluster `node`, or every primary when it is left out. */
  targets(node: string | undefined): MonitorTarget[];
  emit(e: ProfilerLinesEvent): void;
  backlogBytes(): number;
}

/** The MONITOR connection to one server and what its lines need. */
interface Feed {
  node?: string;
  conn: RawConnection;
  /** The MONITOR connection's CLIENT ID on its server. */
  clientId: string;
  probe: ServerProbe;
  guard: BufferGuard | null;
  names: ClientNames;
  /** Whose commands `lua` lines are: MONITOR prints a script's calls right after the EVAL that ran them. */
  lastCaller: { name: string; own: boolean };
  /** Lines waiting, in order, for CLIENT LIST to name an address first seen among them. */
  pending: MonitorLine[];
  /** The last line was counted as dropped unread, so whose a `lua` line after it is cannot be told. */
  skipped: boolean;
}

interface Run {
  status: ProfilerStatus;
  feeds: Feed[];
  batch: CappedBatcher<ProfilerLine>;
  timer: NodeJS.Timeout;
  totalsTimer: NodeJS.Timeout;
  /** `received` when totals last went out. */
  reported: number;
  received: number;
  dropped: number;
  ownHidden: number;
  stopped: boolean;
}

/** MONITOR on a connection of its own to each server watched, one run at a time, for a bounded time. */
export class Profiler {
  private run: Run | null = null;

  constructor(private readonly deps: ProfilerDeps) {}

  async start(
    seconds: number,
    excludeOwn: boolean,
    profilerId?: string,
    node?: string,
  ): Promise<ProfilerStatus> {
    const feeds = await openFeeds(this.deps.targets(node));
    const startedAt = Date.now();
    const status = {
      profilerId: profilerId ?? randomUUID(),
      startedAt,
      endsAt: startedAt + seconds * 1000,
      excludeOwn,
    };
    const run: Run = {
      status,
      feeds,
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
      stopped: false,
    };
    // One run at a time; checked after the awaits above, so two starts at once cannot both stay open.
    this.stop(undefined, 'replaced');
    this.run = run;
    for (const feed of feeds) {
      feed.conn.onExtra = (reply) => reply.type === 'status' && this.take(run, feed, reply.value);
      // One server lost ends the run: lines from the others alone would look like the whole picture.
      feed.conn.onClosed = () => this.stop(status.profilerId, 'connection');
    }
    const replies = await Promise.all(feeds.map((f) => f.conn.send([Buffer.from('MONITOR')])));
    const refused = replies.find((r) => r.type === 'error');
    // A run replaced or stopped meanwhile ends quietly: its last batch already said why.
    if (refused?.type === 'error' && !run.stopped) {
      this.stop(status.profilerId, 'connection');
      throw new ApiError('REDIS_ERROR', refused.value);
    }
    await Promise.all(feeds.map((f) => this.guard(run, f)));
    return status;
  }

  /** Stops the run (if it is `profilerId`, or any); its last batch carries the reason. */
  stop(profilerId: string | undefined, reason: ProfilerStopReason, detail?: string): number {
    const run = this.run;
    if (!run || (profilerId !== undefined && run.status.profilerId !== profilerId)) return 0;
    this.run = null;
    run.batch.flush(); // what was already received still goes out, before the last batch says why it ended
    run.stopped = true;
    clearTimeout(run.timer);
    clearInterval(run.totalsTimer);
    for (const feed of run.feeds) closeFeed(feed);
    const last: ProfilerLinesEvent = { ...this.totals(run), lines: [], stopped: reason };
    if (detail !== undefined) last.stopDetail = detail;
    this.deps.emit(last);
    return 1;
  }

  /** Ends the run when Redis holds too much of this feed's output (see BufferGuard). */
  private async guard(run: Run, feed: Feed): Promise<void> {
    const guard = await BufferGuard.start(feed.probe, feed.clientId, (bytes, limit) =>
      this.stop(run.status.profilerId, 'redis-memory', guardMessage(bytes, limit, feed.node)),
    );
    if (run.stopped) guard.stop();
    else feed.guard = guard;
  }

  private take(run: Run, feed: Feed, text: string): void {
    if (run.stopped) return;
    // Past this batch's cap a line would be dropped anyway: it is counted unread (no parse, no lookups), so
    // the host keeps reading as fast as a busy server writes, and Redis does not buffer what it is behind.
    if (run.batch.full) {
      run.received++;
      run.dropped++;
      feed.skipped = true;
      return;
    }
    const parsed = parseMonitorLine(text);
    if (!parsed) return;
    run.received++;
    const skippedBefore = feed.skipped;
    feed.skipped = false;
    if (parsed.addr === 'lua' && skippedBefore) {
      run.dropped++;
      feed.skipped = true;
      return;
    }
    const name = SETNAME.exec(parsed.command)?.[1];
    if (name !== undefined && parsed.addr !== 'lua') feed.names.named(parsed.addr, name);
    const unseen = parsed.addr !== 'lua' && feed.names.known(parsed.addr) === undefined;
    if (feed.pending.length === 0 && !unseen) return this.show(run, feed, parsed);
    if (feed.pending.length >= PENDING_MAX) {
      run.dropped++;
      return;
    }
    feed.pending.push(parsed);
    if (feed.pending.length === 1) {
      void feed.names.refresh().then(() => {
        for (const line of feed.pending.splice(0)) if (!run.stopped) this.show(run, feed, line);
      });
    }
  }

  private show(run: Run, feed: Feed, line: MonitorLine): void {
    const caller = line.addr === 'lua' ? feed.lastCaller : feed.names.lookup(line.addr);
    if (line.addr !== 'lua') feed.lastCaller = caller;
    if (caller.own && run.status.excludeOwn) {
      run.ownHidden++;
      return;
    }
    const shown: ProfilerLine = {
      ...line,
      command: capLine(line.command),
      clientName: caller.name,
      own: caller.own,
    };
    if (feed.node !== undefined) shown.node = feed.node;
    run.batch.push(shown);
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

/** A MONITOR-to-be connection and the client names of each target; all or none (NOT_CONNECTED, saying which). */
async function openFeeds(targets: MonitorTarget[]): Promise<Feed[]> {
  const opened = await Promise.allSettled(
    targets.map(async (t): Promise<Feed> => {
      const conn = await RawConnection.open(t.options, 'queuedesk:profiler');
      const id = await conn.send([Buffer.from('CLIENT'), Buffer.from('ID')]);
      const feed: Feed = {
        conn,
        clientId: id.type === 'integer' ? String(id.value) : '',
        probe: t.probe,
        guard: null,
        names: t.names,
        lastCaller: { name: '', own: false },
        pending: [],
        skipped: false,
      };
      if (t.node !== undefined) feed.node = t.node;
      try {
        await t.names.start();
      } catch (err) {
        closeFeed(feed);
        throw err;
      }
      return feed;
    }),
  );
  const feeds = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = opened.findIndex((o) => o.status === 'rejected');
  if (failed < 0) return feeds;
  feeds.forEach(closeFeed);
  for (const t of targets) t.names.stop();
  const why = ((opened[failed] as PromiseRejectedResult).reason as Error).message;
  const where = targets[failed]?.node ? ` to ${targets[failed]!.node}` : '';
  throw new ApiError('NOT_CONNECTED', `profiler could not connect${where}: ${why}`);
}

function closeFeed(feed: Feed): void {
  feed.guard?.stop();
  feed.names.stop();
  feed.conn.onClosed = () => undefined;
  feed.conn.close();
}
