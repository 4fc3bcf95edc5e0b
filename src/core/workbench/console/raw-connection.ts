import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import type { RespReply } from '../../../shared/contract';
import { RespDecoder } from './resp-decoder';

const CONNECT_TIMEOUT_MS = 5000;

/** A command as RESP: an array of bulk strings, byte-exact. */
export function encodeCommand(args: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) parts.push(Buffer.from(`$${a.length}\r\n`), a, Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/**
 * One RESP3 connection of the console's own, on a plain socket: the replies keep their RESP3 types, which
 * ioredis flattens. Replies come back in order; pushes (pub/sub, MONITOR lines) go to `onPush`.
 */
export class RawConnection {
  private readonly waiting: Array<(r: RespReply) => void> = [];
  private closedError: Error | null = null;
  onPush: (reply: RespReply) => void = () => undefined;
  /** Replies beyond the ones asked for (MONITOR's lines are plain statuses, not pushes). */
  onExtra: (reply: RespReply) => void = () => undefined;
  onClosed: () => void = () => undefined;

  private constructor(private readonly socket: Socket) {
    const decoder = new RespDecoder((r) => this.deliver(r));
    socket.on('data', (chunk: Buffer) => {
      try {
        decoder.push(chunk);
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    socket.on('close', () => {
      this.closedError ??= new Error('connection closed');
      for (const w of this.waiting.splice(0)) w({ type: 'error', value: `ERR ${this.closedError.message}` });
      this.onClosed();
    });
    socket.on('error', (err) => {
      this.closedError = err;
    });
  }

  static async open(options: RedisOptions, name: string): Promise<RawConnection> {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 6379;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = options.tls
        ? tlsConnect({ host, port, ...options.tls }, () => resolve(s))
        : netConnect({ host, port }, () => resolve(s));
      s.setTimeout(CONNECT_TIMEOUT_MS, () => s.destroy(new Error('timed out connecting to Redis')));
      s.once('error', reject);
    });
    socket.setTimeout(0);
    socket.setNoDelay(true);
    const conn = new RawConnection(socket);
    const hello = [Buffer.from('HELLO'), Buffer.from('3')];
    if (options.password) {
      hello.push(
        Buffer.from('AUTH'),
        Buffer.from(options.username ?? 'default'),
        Buffer.from(options.password),
      );
    }
    hello.push(Buffer.from('SETNAME'), Buffer.from(name));
    const greeting = await conn.send(hello);
    if (greeting.type === 'error') {
      conn.close();
      throw new Error(greeting.value);
    }
    if (options.db) {
      const selected = await conn.send([Buffer.from('SELECT'), Buffer.from(String(options.db))]);
      if (selected.type === 'error') {
        conn.close();
        throw new Error(selected.value);
      }
    }
    return conn;
  }

  get closed(): boolean {
    return this.closedError !== null || this.socket.destroyed;
  }

  send(args: Buffer[]): Promise<RespReply> {
    if (this.closed) return Promise.resolve({ type: 'error', value: 'ERR connection closed' });
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.socket.write(encodeCommand(args));
    });
  }

  /** Writes a command whose replies stream (SUBSCRIBE, MONITOR): they all go to onPush / onExtra. */
  write(args: Buffer[]): void {
    if (!this.closed) this.socket.write(encodeCommand(args));
  }

  close(): void {
    this.closedError ??= new Error('cancelled');
    this.socket.destroy();
  }

  private deliver(reply: RespReply): void {
    if (reply.type === 'push') return this.onPush(reply);
    const next = this.waiting.shift();
    if (next) next(reply);
    else this.onExtra(reply);
  }
}
