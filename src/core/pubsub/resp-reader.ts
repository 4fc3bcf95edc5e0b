import type { MessageView } from './message-view';

/** A reply other than a pub/sub message: confirmations of (un)subscribe, PONG, +OK, errors. */
export type Reply = Buffer | number | null | RespError | Reply[];

export class RespError extends Error {}

export interface ReaderHooks {
  /** A message, pmessage or smessage, as a view that is reused for the next one: copy what you keep. */
  message(view: MessageView): void;
  reply(reply: Reply): void;
}

const INCOMPLETE = Symbol('incomplete');
type Incomplete = typeof INCOMPLETE;
const CR = 13;
/** When a reply straddles chunks, at least this much of the next chunk is joined to it at once. */
const JOIN_MIN = 4096;

/**
 * An incremental RESP2 reader for the subscriber connection, built for the hot path: a message costs a few byte
 * comparisons and offsets into the socket chunk, with no object, string or buffer view of its own. ioredis's
 * reader costs about 1.5 µs a message here, too slow for Redis's own top publishing rate (bench/pubsub.ts).
 */
export class RespReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Bytes of a reply that did not fit, kept until at least `need` bytes are there: a big reply is joined once. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private need = 0;
  private readonly view: MessageView = {
    buf: this.buf,
    channelFrom: 0,
    channelTo: 0,
    patternFrom: -1,
    patternTo: -1,
    payloadFrom: 0,
    payloadTo: 0,
    shard: false,
    at: 0,
  };
  /** Body bounds of the last bulk string stepped over. */
  private from = 0;
  private to = 0;

  constructor(private readonly hooks: ReaderHooks) {}

  feed(chunk: Buffer): void {
    const at = Date.now();
    let offset = 0;
    if (this.pending.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < this.need) return;
      const done = this.finishStraddler(chunk, at);
      if (done === INCOMPLETE) return;
      offset = done;
    }
    this.parse(chunk, offset, at);
  }

  /**
   * Joins the kept bytes with only as much of the new chunk as the straddling reply needs, and reads it; returns
   * where in `chunk` reading goes on. The rest of the chunk is read in place, so nothing is copied twice.
   */
  private finishStraddler(chunk: Buffer, at: number): number | Incomplete {
    const head = this.pending.slice(0, -1);
    const headLen = this.pendingBytes - chunk.length;
    let take = Math.min(chunk.length, Math.max(this.need - headLen, JOIN_MIN));
    for (;;) {
      const joined = Buffer.concat([...head, chunk.subarray(0, take)]);
      this.buf = joined;
      this.pos = 0;
      let short = false;
      while (this.pos < headLen) {
        if (this.top(at) === INCOMPLETE) {
          short = true;
          break;
        }
      }
      if (!short) {
        this.pending = [];
        this.need = 0;
        return this.pos - headLen;
      }
      if (take === chunk.length) {
        this.pending = [joined];
        this.pendingBytes = joined.length;
        return INCOMPLETE;
      }
      take = Math.min(chunk.length, Math.max(take * 2, this.need - headLen));
    }
  }

  private parse(chunk: Buffer, offset: number, at: number): void {
    this.buf = chunk;
    this.pos = offset;
    while (this.pos < chunk.length) {
      const start = this.pos;
      if (this.top(at) === INCOMPLETE) {
        const rest = chunk.subarray(start);
        this.pending = [rest];
        this.pendingBytes = rest.length;
        // `need` was noted where the reply ran short; count it from the start of what is kept.
        this.need = Math.max(this.need - start, rest.length + 1);
        return;
      }
    }
    this.need = 0;
  }

  /** One top-level reply; messages take the fast path. */
  private top(at: number): Incomplete | void {
    const b = this.buf;
    const start = this.pos;
    const kind = b[start];
    if ((kind === 0x2a /* * */ || kind === 0x3e) /* > */ && b[start + 1] !== 0x2d) {
      this.pos++;
      const n = this.int();
      if (n === INCOMPLETE) return n;
      if ((n === 3 || n === 4) && b[this.pos] === 0x24 /* $ */) {
        if (this.bulkRange() === INCOMPLETE) return INCOMPLETE;
        const word = pushKind(b, this.from, this.to - this.from);
        if (word !== undefined && (n === 4) === (word === 'pmessage')) return this.message(n === 4, word, at);
      }
      this.pos = start;
    }
    const value = this.value();
    if (value === INCOMPLETE) return value;
    this.hooks.reply(value);
  }

  /** The rest of a message after its first word: [pattern,] channel, payload, as offsets into the view. */
  private message(withPattern: boolean, word: string, at: number): Incomplete | void {
    const v = this.view;
    v.patternFrom = v.patternTo = -1;
    if (withPattern) {
      if (this.body() === INCOMPLETE) return INCOMPLETE;
      v.patternFrom = this.from;
      v.patternTo = this.to;
    }
    if (this.body() === INCOMPLETE) return INCOMPLETE;
    v.channelFrom = this.from;
    v.channelTo = this.to;
    if (this.body() === INCOMPLETE) return INCOMPLETE;
    v.payloadFrom = this.from;
    v.payloadTo = this.to;
    v.buf = this.buf;
    v.shard = word === 'smessage';
    v.at = at;
    this.hooks.message(v);
  }

  private value(): Reply | Incomplete {
    const b = this.buf;
    const kind = b[this.pos];
    if (kind === 0x24 /* $ */) {
      const r = this.bulkRange();
      return r === true ? Buffer.from(b.subarray(this.from, this.to)) : r;
    }
    this.pos++;
    if (kind === 0x2a || kind === 0x3e) {
      const n = this.int();
      if (n === INCOMPLETE) return n;
      if (n < 0) return null;
      const out: Reply[] = [];
      for (let i = 0; i < n; i++) {
        const item = this.value();
        if (item === INCOMPLETE) return item;
        out.push(item);
      }
      return out;
    }
    const eol = b.indexOf(CR, this.pos);
    if (eol === -1 || eol + 1 >= b.length) return this.short(b.length + 1 - this.pos);
    const line = b.toString('utf8', this.pos, eol);
    this.pos = eol + 2;
    if (kind === 0x2b /* + */) return Buffer.from(line);
    if (kind === 0x2d /* - */) return new RespError(line);
    if (kind === 0x3a /* : */) return Number(line);
    throw new Error(`unexpected RESP type byte ${kind} from the server`);
  }

  /** A bulk string that must be there (part of a message). */
  private body(): true | Incomplete {
    const r = this.bulkRange();
    if (r === null) throw new Error('a pub/sub message with a null part from the server');
    return r;
  }

  /** Steps over `$len\r\n…\r\n`, noting its body in from/to; null for a null bulk. */
  private bulkRange(): true | null | Incomplete {
    this.pos++;
    const len = this.int();
    if (len === INCOMPLETE) return len;
    if (len < 0) return null;
    const end = this.pos + len;
    if (end + 2 > this.buf.length) return this.short(len + 2);
    this.from = this.pos;
    this.to = end;
    this.pos = end + 2;
    return true;
  }

  /** A decimal up to CRLF, read byte by byte (lengths are short). */
  private int(): number | Incomplete {
    const b = this.buf;
    let i = this.pos;
    let sign = 1;
    if (b[i] === 0x2d) {
      sign = -1;
      i++;
    }
    let n = 0;
    for (; i < b.length; i++) {
      const c = b[i]!;
      if (c === CR) break;
      n = n * 10 + (c - 48);
    }
    if (i + 1 >= b.length) return this.short(i + 2 - this.pos);
    this.pos = i + 2;
    return sign * n;
  }

  /** Notes that at least `more` bytes past the current position are needed (as a position in the buffer). */
  private short(more: number): Incomplete {
    this.need = this.pos + more;
    return INCOMPLETE;
  }
}

/** RESP2 in subscribed mode has few words; a message is told by length and first letter alone. */
function pushKind(b: Buffer, at: number, len: number): 'message' | 'pmessage' | 'smessage' | undefined {
  if (len === 7 && b[at] === 0x6d /* m */) return 'message';
  if (len !== 8) return undefined;
  if (b[at] === 0x70 /* p */) return 'pmessage';
  return b[at] === 0x73 /* s */ ? 'smessage' : undefined;
}
