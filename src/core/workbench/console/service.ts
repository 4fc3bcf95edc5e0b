import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RedisOptions } from 'ioredis';
import type { CommandDoc, ConsoleResult, ConsoleStreamEvent, RespReply } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { Batcher } from '../../keys/batcher';
import { dangerReason, runMode } from './classify';
import { flattenDocs } from './docs';
import { parseLine } from './parse-line';
import { RawConnection } from './raw-connection';

const STREAM_BATCH_MS = 150;
const STREAM_BATCH_MAX = 500;

/** A run from the moment it is asked for: a cancel can arrive before its connection is even open. */
interface Running {
  id: string;
  cancelled: boolean;
  conn: RawConnection | null;
}

/**
 * The console: commands on one RESP3 connection of its own (so SELECT, MULTI and CLIENT state carry from line to
 * line, as in redis-cli), blocking and streaming commands each on a fresh connection that cancel closes.
 */
export class ConsoleService {
  private shared: Promise<RawConnection> | null = null;
  private docs: Promise<CommandDoc[]> | null = null;
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly options: () => RedisOptions,
    private readonly emit: (e: ConsoleStreamEvent) => void,
  ) {}

  /** Checks every line first (parse errors, confirmations), then runs them in order. */
  async run(lines: string[], confirm: boolean, runId: string | undefined): Promise<ConsoleResult[]> {
    const id = runId ?? randomUUID();
    const state: Running = { id, cancelled: false, conn: null };
    this.running.set(id, state);
    try {
      return await this.runLines(lines, confirm, state);
    } finally {
      if (this.running.get(id) === state) this.running.delete(id);
    }
  }

  private async runLines(lines: string[], confirm: boolean, state: Running): Promise<ConsoleResult[]> {
    const parsed = lines.map((line) => {
      try {
        const args = parseLine(line);
        if (args.length === 0) throw new Error('empty command');
        return { line, args };
      } catch (err) {
        throw new ApiError('INVALID_INPUT', `${line}: ${(err as Error).message}`);
      }
    });
    if (!confirm) {
      for (const { args } of parsed) {
        const why = await dangerReason(args, () => this.dbSize());
        if (why) throw new ApiError('CONFIRMATION_REQUIRED', why);
      }
    }
    const results: ConsoleResult[] = [];
    for (const { line, args } of parsed) results.push(await this.runOne(line, args, state));
    return results;
  }

  cancel(runId: string | undefined): number {
    let n = 0;
    for (const [id, r] of this.running) {
      if (runId === undefined || id === runId) {
        r.cancelled = true;
        r.conn?.close();
        n++;
      }
    }
    return n;
  }

  commandDocs(): Promise<CommandDoc[]> {
    this.docs ??= this.connection()
      .then((c) => c.send([Buffer.from('COMMAND'), Buffer.from('DOCS')]))
      .then((reply) => {
        if (reply.type === 'error') throw new ApiError('REDIS_ERROR', reply.value);
        return flattenDocs(reply);
      });
    this.docs.catch(() => (this.docs = null));
    return this.docs;
  }

  /** The server changed or went away: drop every connection and what was learnt about the server. */
  reset(): void {
    this.cancel(undefined);
    const shared = this.shared;
    this.shared = null;
    this.docs = null;
    shared?.then((c) => c.close()).catch(() => undefined);
  }

  private async runOne(line: string, args: Buffer[], state: Running): Promise<ConsoleResult> {
    const mode = runMode(args);
    const started = performance.now();
    const ms = (): number => Math.round((performance.now() - started) * 1000) / 1000;
    const cancelled = (): ConsoleResult => ({ line, reply: { type: 'nil' }, ms: ms(), cancelled: true });
    if (state.cancelled) return cancelled();
    if (mode === 'plain') {
      const reply = await (await this.connection()).send(args);
      return { line, reply, ms: ms() };
    }
    const conn = await this.open('queuedesk-console-run');
    state.conn = conn;
    if (state.cancelled) {
      conn.close();
      return cancelled();
    }
    if (mode === 'streaming') return this.stream(line, args, state, conn, ms);
    try {
      const reply = await conn.send(args);
      return state.cancelled ? cancelled() : { line, reply, ms: ms() };
    } finally {
      state.conn = null;
      conn.close();
    }
  }

  /** SUBSCRIBE / MONITOR: replies go out as batched events until cancelled or the connection ends. */
  private stream(
    line: string,
    args: Buffer[],
    state: Running,
    conn: RawConnection,
    ms: () => number,
  ): Promise<ConsoleResult> {
    const runId = state.id;
    let count = 0;
    let dropped = 0;
    let inBatch = 0;
    let last: RespReply = { type: 'nil' };
    const batch = new Batcher<RespReply>(STREAM_BATCH_MS, (replies) => {
      if (replies.length > 0 || dropped > 0) this.emit({ runId, replies, dropped });
      dropped = 0;
      inBatch = 0;
    });
    const take = (r: RespReply): void => {
      count++;
      last = r;
      // MONITOR on a busy server outruns any screen: past the cap a batch window drops and counts.
      if (inBatch >= STREAM_BATCH_MAX) {
        dropped++;
        return;
      }
      inBatch++;
      batch.add([r]);
    };
    conn.onPush = take;
    conn.onExtra = take;
    return new Promise((resolve) => {
      const end = (): void => {
        batch.flush();
        state.conn = null;
        resolve({
          line,
          reply: last,
          ms: ms(),
          ...(state.cancelled ? { cancelled: true } : {}),
          streamed: count,
        });
      };
      conn.onClosed = end;
      conn.write(args);
    });
  }

  private connection(): Promise<RawConnection> {
    const current = this.shared;
    if (current) {
      return current.then((c) => {
        if (!c.closed) return c;
        this.shared = null;
        return this.connection();
      });
    }
    const opening = this.open('queuedesk-console');
    this.shared = opening;
    opening.catch(() => this.shared === opening && (this.shared = null));
    return opening;
  }

  private async open(name: string): Promise<RawConnection> {
    try {
      return await RawConnection.open(this.options(), name);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('NOT_CONNECTED', `console could not connect: ${(err as Error).message}`);
    }
  }

  private async dbSize(): Promise<number | null> {
    const reply = await (await this.connection()).send([Buffer.from('DBSIZE')]);
    return reply.type === 'integer' ? reply.value : null;
  }
}
