import type { RespReply } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';

/** Thrown while a frame is not complete yet: the decoder waits for more bytes. */
class Incomplete extends Error {}
const INCOMPLETE = new Incomplete();

const CRLF = 0x0d;

/**
 * Incremental RESP2/RESP3 decoder that keeps every type apart (ioredis folds maps into arrays and statuses into
 * strings, which the console must show as they are). Feed it socket chunks; it calls `onReply` per reply.
 */
export class RespDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  constructor(private readonly onReply: (reply: RespReply) => void) {}

  push(chunk: Buffer): void {
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    for (;;) {
      const start = this.pos;
      try {
        if (this.pos >= this.buf.length) return;
        const reply = this.read();
        this.onReply(reply);
      } catch (err) {
        if (err !== INCOMPLETE) throw err;
        this.pos = start;
        return;
      }
    }
  }

  private line(): Buffer {
    const end = this.buf.indexOf(CRLF, this.pos);
    if (end < 0 || end + 1 >= this.buf.length) throw INCOMPLETE;
    const out = this.buf.subarray(this.pos, end);
    this.pos = end + 2;
    return out;
  }

  private bulk(length: number): Buffer {
    if (this.pos + length + 2 > this.buf.length) throw INCOMPLETE;
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length + 2;
    return out;
  }

  private items(count: number): RespReply[] {
    const out: RespReply[] = [];
    for (let i = 0; i < count; i++) out.push(this.read());
    return out;
  }

  private read(): RespReply {
    if (this.pos >= this.buf.length) throw INCOMPLETE;
    const prefix = String.fromCharCode(this.buf[this.pos]!);
    this.pos++;
    const head = this.line().toString('latin1');
    switch (prefix) {
      case '+':
        return { type: 'status', value: head };
      case '-':
        return { type: 'error', value: head };
      case ':':
        return integer(head);
      case '$':
      case '!':
      case '=': {
        const n = Number(head);
        if (n < 0) return { type: 'nil' };
        const bytes = Buffer.from(this.bulk(n));
        if (prefix === '!') return { type: 'error', value: bytes.toString('utf8') };
        if (prefix === '=') {
          const e = encodeBytes(bytes.subarray(4));
          return { type: 'verbatim', format: bytes.subarray(0, 3).toString('latin1'), ...bytesField(e) };
        }
        return { type: 'string', ...bytesField(encodeBytes(bytes)) };
      }
      case '*':
      case '~':
      case '>': {
        const n = Number(head);
        if (n < 0) return { type: 'nil' };
        const type = prefix === '*' ? 'array' : prefix === '~' ? 'set' : 'push';
        return { type, value: this.items(n) };
      }
      case '%': {
        const n = Number(head);
        const value: Array<{ key: RespReply; value: RespReply }> = [];
        for (let i = 0; i < n; i++) value.push({ key: this.read(), value: this.read() });
        return { type: 'map', value };
      }
      case '|': {
        // Attributes annotate the reply that follows; the console shows the reply itself.
        const n = Number(head);
        for (let i = 0; i < 2 * n; i++) this.read();
        return this.read();
      }
      case '_':
        return { type: 'nil' };
      case '#':
        return { type: 'boolean', value: head === 't' };
      case ',':
        return { type: 'double', value: head };
      case '(':
        return { type: 'bignum', value: head };
      default:
        throw new Error(`protocol error: unexpected byte ${JSON.stringify(prefix)}`);
    }
  }
}

function bytesField(e: { text: string; encoding?: 'base64' }): { value: string; valueEncoding?: 'base64' } {
  return e.encoding ? { value: e.text, valueEncoding: e.encoding } : { value: e.text };
}

function integer(text: string): RespReply {
  const n = Number(text);
  return Number.isSafeInteger(n) ? { type: 'integer', value: n } : { type: 'bignum', value: text };
}
