import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { ApiError } from '../../shared/result';
import type { ConnectionStatus, ConnectTarget, ServerInfo, UrlTarget } from '../../shared/contract';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded';
import { parseInfo } from './info';
import { redactUrl } from './redact';
import { countCommands, ownCommandsSent } from './own-commands';
import { RateMeter } from './rate-meter';

const CONNECT_TIMEOUT_MS = 5000;

/** Back-off for reconnects: 100 ms growing to 2 s, forever; the banner tells the user meanwhile. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 5), 2000);
}

export interface ConnectionEvents {
  changed: [ConnectionStatus];
}

/**
 * Owns the Redis connection: the embedded server (if any) and the command client.
 * Other services ask it for the client, or for options to open their own connection (subscriber, queues).
 */
export class ConnectionManager extends EventEmitter<ConnectionEvents> {
  private redis: Redis | null = null;
  private embedded: EmbeddedRedis | null = null;
  private options: RedisOptions | null = null;
  private current: ConnectionStatus = { state: 'disconnected', mode: null, url: null };
  private generation = 0;
  private readonly ownRate = new RateMeter(ownCommandsSent());

  constructor(private readonly dataDir: string) {
    super();
  }

  status(): ConnectionStatus {
    return { ...this.current };
  }

  /** The command client; throws NOT_CONNECTED while Redis is unreachable so callers get a clear error. */
  client(): Redis {
    if (!this.redis || this.current.state !== 'connected') {
      const why = this.current.error ? ` (${this.current.error})` : '';
      throw new ApiError('NOT_CONNECTED', `Redis is not connected: ${this.current.state}${why}`);
    }
    return this.redis;
  }

  /** Options for an extra connection to the same server (subscriber, BullMQ); same auth, TLS and db. */
  connectionOptions(): RedisOptions {
    if (!this.options) throw new ApiError('NOT_CONNECTED', 'Redis is not connected');
    return { ...this.options };
  }

  /** The embedded server's pid, for tests and the processes panel. */
  embeddedPid(): number | undefined {
    return this.embedded?.pid;
  }

  async connect(target: ConnectTarget, password?: string): Promise<ConnectionStatus> {
    await this.disconnect();
    const gen = ++this.generation;
    const persist = target.mode === 'embedded' ? (target.persist ?? false) : undefined;
    let options: RedisOptions;
    let shownUrl: string;
    try {
      if (target.mode === 'embedded') {
        this.setStatus({ state: 'connecting', mode: 'embedded', url: null, persist });
        this.embedded = await startEmbeddedRedis({
          persist: persist ?? false,
          dataDir: this.dataDir,
          onNote: (note) => gen === this.generation && this.setStatus({ ...this.current, note }),
        });
        options = { host: this.embedded.host, port: this.embedded.port };
        shownUrl = `redis://${this.embedded.host}:${this.embedded.port}`;
      } else {
        options = urlOptions(target, password);
        shownUrl = redactUrl(target.url);
        this.setStatus({ state: 'connecting', mode: 'url', url: shownUrl, db: options.db });
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.setStatus({ state: 'error', mode: target.mode, url: null, persist, error: message });
      throw new ApiError('REDIS_ERROR', `could not start embedded Redis: ${message}`);
    }
    this.options = options;
    const redis = countCommands(
      new Redis({
        ...options,
        lazyConnect: true,
        connectionName: 'queuedesk',
        // Calls made while Redis is away fail at once with NOT_CONNECTED instead of piling up.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: CONNECT_TIMEOUT_MS,
        retryStrategy: reconnectDelay,
      }),
    );
    this.redis = redis;
    const base = { mode: target.mode, url: shownUrl, persist, db: options.db };
    redis.on('ready', () => gen === this.generation && this.setStatus({ ...base, state: 'connected' }));
    redis.on('error', (err: Error) => {
      if (gen !== this.generation || this.current.error === err.message) return;
      // While reconnecting, each new reason (ECONNREFUSED, then NOAUTH…) is news for the banner.
      if (this.current.state === 'connecting' && this.current.mode)
        this.setStatus({ ...this.current, error: err.message });
      else this.current = { ...this.current, error: err.message };
    });
    const lost = (): void => {
      if (gen !== this.generation || this.current.state === 'connecting') return;
      this.setStatus({ ...base, state: 'connecting', error: this.current.error ?? 'connection lost' });
    };
    redis.on('close', lost);
    redis.on('reconnecting', lost);
    try {
      await withTimeout(redis.connect(), CONNECT_TIMEOUT_MS + 500, 'timed out connecting to Redis');
    } catch (err) {
      // The socket's own error (ECONNREFUSED, WRONGPASS…) says more than ioredis' "Connection is closed".
      const message = this.current.error ?? (err instanceof Error ? err.message : String(err));
      if (gen === this.generation) {
        await this.teardown();
        this.setStatus({ ...base, state: 'error', error: message });
      }
      throw new ApiError('REDIS_ERROR', `could not connect to ${shownUrl}: ${message}`);
    }
    if (gen === this.generation && this.current.state !== 'connected')
      this.setStatus({ ...base, state: 'connected' });
    return this.status();
  }

  async disconnect(): Promise<ConnectionStatus> {
    this.generation++;
    const wasConnected = this.current.state !== 'disconnected';
    await this.teardown();
    if (wasConnected) this.setStatus({ state: 'disconnected', mode: null, url: null });
    return this.status();
  }

  async info(): Promise<ServerInfo> {
    const info = parseInfo(await this.client().info());
    const ownCommands = ownCommandsSent();
    return { ...info, ownOpsPerSec: this.ownRate.perSec(ownCommands), ownCommands };
  }

  private async teardown(): Promise<void> {
    const redis = this.redis;
    const embedded = this.embedded;
    this.redis = null;
    this.embedded = null;
    this.options = null;
    if (redis) {
      redis.removeAllListeners('ready');
      redis.removeAllListeners('reconnecting');
      redis.removeAllListeners('close');
      redis.on('error', () => undefined);
      redis.disconnect();
    }
    if (embedded) await embedded.stop();
  }

  private setStatus(next: ConnectionStatus): void {
    const clean = Object.fromEntries(
      Object.entries(next).filter(([, v]) => v !== undefined),
    ) as ConnectionStatus;
    if (clean.state === 'connected') delete clean.error;
    if (clean.state !== 'connecting') delete clean.note;
    this.current = clean;
    this.emit('changed', this.status());
  }
}

/** ioredis options for a URL target; explicit fields win over what the URL says. */
export function urlOptions(target: UrlTarget, password?: string): RedisOptions {
  const u = new URL(target.url);
  const dbFromPath = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  const options: RedisOptions = {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
  };
  const username = target.username ?? (u.username ? decodeURIComponent(u.username) : undefined);
  const pass = target.password ?? password ?? (u.password ? decodeURIComponent(u.password) : undefined);
  if (username) options.username = username;
  if (pass) options.password = pass;
  const db = target.db ?? (Number.isInteger(dbFromPath) ? dbFromPath : undefined);
  if (db !== undefined) options.db = db;
  if (target.tls || u.protocol === 'rediss:') {
    // SNI takes host names only; an IP address there is refused by TLS (RFC 6066).
    options.tls = isIP(options.host ?? '') ? {} : { servername: options.host };
    if (target.tlsCa) options.tls.ca = target.tlsCa;
    if (target.tlsSkipVerify) options.tls.rejectUnauthorized = false;
  }
  return options;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
