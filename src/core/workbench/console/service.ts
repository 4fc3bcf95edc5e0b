import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RedisOptions } from 'ioredis';
import type { CommandDoc, ConsoleResult, ConsoleStreamEvent, RespReply } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { Batcher } from '../../keys/batcher';
import { dangerReason, runMode } from './classify';
import { redirection, routeCommand, type SlotMap } from './cluster-route';
import { flattenDocs } from './docs';
import { parseLine } from './parse-line';
import { RawConnection } from './raw-connection';

const STREAM_BATCH_MS = 150;
const STREAM_BATCH_MAX = 500;

/** Where the console's sockets go. */
export interface ConsoleTargets {
  /** Socket options for `node`; undefined is the one server (on a cluster, a clear error naming the nodes). */
  options(node: string | undefined): RedisOptions;
  /** On a cluster, which node serves which slot; null on one server. */
  slots(): SlotMap | null;
}

/** MOVED/ASK hops followed before the reply is shown as it is (as redis-cli -c). */
const MAX_REDIRECTS = 3;

/** A run from the moment it is asked for: a cancel can arrive before its connection is even open. */
interface Running {
  id: string;
  cancelled: boolean;
  conn: RawConnection | null;
}

/**
 * The console: commands on one RESP3 connection of its own (so SELECT, MULTI and CLIENT state carry from line to
 * line, as in redis-cli), blocking and streaming commands each on a fresh connection that cancel closes.
 * On a cluster it keeps one such connection per node and sends each command where `redis-cli -c` would.
 */
export class ConsoleService {
  /** By node ("" on one server). */
  private readonly shared = new Map<string, Promise<RawConnection>>();
  private docs: Promise<CommandDoc[]> | null = null;
  private readonly running = new Map<string, Running>();
  /** On a cluster: the node whose shared connection is inside MULTI now. */
  private multiNode: string | undefined;

  constructor(
    private readonly targets: ConsoleTargets,
    private readonly emit: (e: ConsoleStreamEvent) => void,
  ) {}

  /**
   * Checks every line first (parse errors, where it goes, confirmations), then runs them in order. `node` is
   * where commands without keys run on a cluster.
   */
  async run(
    lines: string[],
    confirm: boolean,
    runId: string | undefined,
    node?: string,
  ): Promise<ConsoleResult[]> {
    const id = runId ?? randomUUID();
    const state: Running = { id, cancelled: false, conn: null };
    this.running.set(id, state);
    try {
      return await this.runLines(lines, confirm, state, node);
    } finally {
      if (this.running.get(id) === state) this.running.delete(id);
    }
  }

  private async runLines(
    lines: string[],
    confirm: boolean,
    state: Running,
    picked: string | undefined,
  ): Promise<ConsoleResult[]> {
    const parsed = lines.map((line) => {
      try {
        const args = parseLine(line);
        if (args.length === 0) throw new Error('empty command');
        return { line, args };
      } catch (err) {
        throw new ApiError('INVALID_INPUT', `${line}: ${(err as Error).message}`);
      }
    });
    const routed = [];
    // A transaction stays on the node where MULTI ran, whatever its commands' keys (Redis refuses other slots).
    let multi = this.multiNode;
    for (const p of parsed) {
      const node = multi ?? (await this.route(p.args, picked));
      routed.push({ ...p, node });
      const name = commandName(p.args);
      if (name === 'MULTI') multi = node;
      else if (name === 'EXEC' || name === 'DISCARD') multi = undefined;
    }
    if (!confirm) {
      for (const { args, node } of routed) {
        const why = await dangerReason(args, () => this.dbSize(node));
        if (why) throw new ApiError('CONFIRMATION_REQUIRED', why);
      }
    }
    const results: ConsoleResult[] = [];
    for (const { line, args, node } of routed) results.push(await this.runOne(line, args, state, node));
    return results;
  }

  /** The node a command runs on (undefined on one server); on a cluster a keyless one needs `picked`. */
  private async route(args: Buffer[], picked: string | undefined): Promise<string | undefined> {
    const slots = this.targets.slots();
    if (!slots) return undefined;
    const asked = picked ?? slots.nodeOf(0) ?? undefined;
    const node = await routeCommand(args, picked, slots, async (a) => (await this.connection(asked)).send(a));
    if (node === undefined) this.targets.options(undefined); // throws, naming the nodes to pick from
    return node;
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
    this.docs ??= this.connection(this.targets.slots()?.nodeOf(0) ?? undefined)
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
    const shared = [...this.shared.values()];
    this.shared.clear();
    this.docs = null;
    this.multiNode = undefined;
    for (const c of shared) c.then((conn) => conn.close()).catch(() => undefined);
  }

  private async runOne(
    line: string,
    args: Buffer[],
    state: Running,
    routed: string | undefined,
  ): Promise<ConsoleResult> {
    const mode = runMode(args);
    const started = performance.now();
    const ms = (): number => Math.round((performance.now() - started) * 1000) / 1000;
    const at = (node: string | undefined): { node?: string } => (node ? { node } : {});
    const cancelled = (): ConsoleResult => ({ line, reply: { type: 'nil' }, ms: ms(), cancelled: true });
    if (state.cancelled) return cancelled();
    if (mode === 'plain') {
      let node = routed;
      const queued = this.multiNode !== undefined;
      let reply = await (await this.connection(node)).send(args);
      // The slots moved since the cluster client last looked: follow the server, as redis-cli -c does (not
      // inside MULTI, where the refusal is the transaction's own answer).
      const hops = queued ? 0 : MAX_REDIRECTS;
      for (let hop = 0, to = redirection(reply); to && hop < hops; hop++, to = redirection(reply)) {
        node = to.node;
        const conn = await this.connection(node);
        if (to.asking) await conn.send([Buffer.from('ASKING')]);
        reply = await conn.send(args);
      }
      if (node !== undefined) this.followMulti(commandName(args), reply, node);
      return { line, reply, ms: ms(), ...at(node) };
    }
    const conn = await this.open('queuedesk-console-run', routed);
    state.conn = conn;
    if (state.cancelled) {
      conn.close();
      return cancelled();
    }
    if (mode === 'streaming') return this.stream(line, args, state, conn, ms, at(routed));
    try {
      const reply = await conn.send(args);
      return state.cancelled ? cancelled() : { line, reply, ms: ms(), ...at(routed) };
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
    at: { node?: string },
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
          ...at,
        });
      };
      conn.onClosed = end;
      conn.write(args);
    });
  }

  private followMulti(name: string, reply: RespReply, node: string): void {
    if (name === 'MULTI' && reply.type === 'status') this.multiNode = node;
    else if (name === 'EXEC' || name === 'DISCARD') this.multiNode = undefined;
  }

  /** The shared connection to `node` (undefined: the one server), opened again if it was lost. */
  private connection(node: string | undefined): Promise<RawConnection> {
    const slot = node ?? '';
    const current = this.shared.get(slot);
    if (current) {
      return current.then((c) => {
        if (!c.closed) return c;
        if (this.shared.get(slot) === current) this.shared.delete(slot);
        if (this.multiNode === node) this.multiNode = undefined; // the transaction went with the socket
        return this.connection(node);
      });
    }
    const opening = this.open('queuedesk-console', node);
    this.shared.set(slot, opening);
    opening.catch(() => this.shared.get(slot) === opening && this.shared.delete(slot));
    return opening;
  }

  private async open(name: string, node: string | undefined): Promise<RawConnection> {
    const options = this.targets.options(node); // on a cluster without a node: the error naming them
    try {
      return await RawConnection.open(options, name);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('NOT_CONNECTED', `console could not connect: ${(err as Error).message}`);
    }
  }

  private async dbSize(node: string | undefined): Promise<number | null> {
    const reply = await (await this.connection(node)).send([Buffer.from('DBSIZE')]);
    return reply.type === 'integer' ? reply.value : null;
  }
}

function commandName(args: Buffer[]): string {
  return args[0]?.toString('latin1').toUpperCase() ?? '';
}
