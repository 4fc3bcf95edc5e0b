import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import type { MessageView } from './message-view';
import { RespError, RespReader, type Reply } from './resp-reader';

export interface LinkHooks {
  message(view: MessageView): void;
  /** The socket closed (by either side); every command still waiting has been failed. */
  closed(reason: string): void;
  /**
   * The server took a shard channel away unasked (Redis 7 does when its slot moves to another node): the
   * `sunsubscribe` it sends then answers no command of ours.
   */
  shardDropped?(channel: Buffer): void;
}

interface Waiting {
  /** Replies still due: SUBSCRIBE a b c answers once per name, an error answers once for the whole command. */
  left: number;
  /** Whether it was an SUNSUBSCRIBE, the only command a `sunsubscribe` reply answers. */
  sunsubscribe: boolean;
  resolve(last: Reply): void;
  reject(err: Error): void;
}

/**
 * One socket to Redis speaking RESP2, read by RespReader: the same server, TLS and credentials as the command
 * client's RedisOptions. It sends commands and matches replies in order; messages go straight to the hook.
 */
export class RespLink {
  private readonly socket: Socket;
  private readonly waiting: Waiting[] = [];
  private reason: string | undefined;

  private constructor(
    options: RedisOptions,
    private readonly hooks: LinkHooks,
  ) {
    const reader = new RespReader({ message: hooks.message, reply: (r) => this.reply(r) });
    const tls = options.tls;
    const target = options.path
      ? { path: options.path }
      : { host: options.host ?? 'localhost', port: options.port ?? 6379 };
    this.socket = tls ? tlsConnect({ ...target, ...tls }) : netConnect(target);
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 30_000);
    this.socket.on('data', (chunk: Buffer) => {
      try {
        reader.feed(chunk);
      } catch (err) {
        this.socket.destroy(err as Error);
      }
    });
    this.socket.on('error', (err) => (this.reason ??= err.message));
    this.socket.on('close', () => {
      const why = this.reason ?? 'connection closed by the server';
      for (const w of this.waiting.splice(0)) w.reject(new Error(why));
      hooks.closed(why);
    });
  }

  /** Connects, authenticates and names the connection; rejects (and closes) on any failure or after `timeoutMs`. */
  static async open(
    options: RedisOptions,
    name: string,
    timeoutMs: number,
    hooks: LinkHooks,
  ): Promise<RespLink> {
    const link = new RespLink(options, hooks);
    const timer = setTimeout(() => link.destroy('timed out opening the connection'), timeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        link.socket.once(options.tls ? 'secureConnect' : 'connect', resolve);
        link.socket.once('close', () => reject(new Error(link.reason ?? 'connection closed')));
      });
      if (options.password) {
        const auth = options.username ? [options.username, options.password] : [options.password];
        await link.send(['AUTH', ...auth]);
      }
      await link.send(['CLIENT', 'SETNAME', name]);
      return link;
    } catch (err) {
      link.destroy((err as Error).message);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one command and resolves with its last reply once `replies` have come (one per name for SUBSCRIBE). */
  send(args: Array<string | Buffer>, replies = 1): Promise<Reply> {
    if (this.socket.destroyed) return Promise.reject(new Error(this.reason ?? 'connection closed'));
    return new Promise((resolve, reject) => {
      const sunsubscribe = String(args[0]).toUpperCase() === 'SUNSUBSCRIBE';
      this.waiting.push({ left: replies, sunsubscribe, resolve, reject });
      this.socket.write(encodeCommand(args));
    });
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  destroy(reason: string): void {
    this.reason ??= reason;
    this.socket.destroy();
  }

  private reply(reply: Reply): void {
    const w = this.waiting[0];
    const dropped = serverUnsubscribed(reply);
    if (dropped && !w?.sunsubscribe) return this.hooks.shardDropped?.(dropped);
    if (!w) return;
    if (reply instanceof RespError) {
      this.waiting.shift();
      return w.reject(reply);
    }
    if (--w.left > 0) return;
    this.waiting.shift();
    w.resolve(reply);
  }
}

/** A command as a RESP array of bulk strings. */
export function encodeCommand(args: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const bytes = typeof a === 'string' ? Buffer.from(a) : a;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** The channel of a `sunsubscribe` reply, else undefined. */
function serverUnsubscribed(reply: Reply): Buffer | undefined {
  if (!Array.isArray(reply) || !(reply[0] instanceof Buffer) || !(reply[1] instanceof Buffer))
    return undefined;
  return reply[0].toString() === 'sunsubscribe' ? reply[1] : undefined;
}
