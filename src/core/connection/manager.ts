import { EventEmitter } from 'node:events';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { ApiError } from '../../shared/result';
import type { ConnectionStatus, ConnectTarget, EmbeddedState, ServerInfo } from '../../shared/contract';
import type { EmbeddedRedis } from './embedded';
import { EmbeddedSlot, type PreparedFiles } from './embedded-slot';
import { clusterInfo } from './cluster-info';
import { parseInfo } from './info';
import { openClient, openCluster } from './open-client';
import { redactUrl } from './redact';
import { ownCommandsSent } from './own-commands';
import { RateMeter } from './rate-meter';
import {
  clusterOptions,
  clusterUrl,
  sentinelOptions,
  sentinelFailure,
  sentinelUrl,
  urlOptions,
  type StoredSecrets,
} from './target-options';

export { reconnectDelay } from './open-client';
export { urlOptions } from './target-options';

export interface ConnectionEvents {
  changed: [ConnectionStatus];
}

type Base = Omit<ConnectionStatus, 'state' | 'error'>;

/**
 * Owns the Redis connection: the embedded server (if any) and the command client.
 * Other services ask it for the client, or for options to open their own connection (subscriber, queues).
 * A new connection is opened before the current one is let go, so a failed attempt changes nothing.
 */
export class ConnectionManager extends EventEmitter<ConnectionEvents> {
  private redis: Redis | null = null;
  private readonly embedded: EmbeddedSlot;
  private options: RedisOptions | null = null;
  private current: ConnectionStatus = { state: 'disconnected', mode: null, url: null };
  private generation = 0;
  private readonly ownRate = new RateMeter(ownCommandsSent());

  constructor(dataDir: string) {
    super();
    // Every service of the host follows the connection: a dozen listeners is the design, not a leak.
    this.setMaxListeners(50);
    this.embedded = new EmbeddedSlot(dataDir);
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

  /**
   * On a Redis Cluster: the cluster client, for what needs each node's view (SCAN, DBSIZE) or routes by slot
   * itself; null on any other connection. client() is the same object there, typed as Redis for the commands
   * both share.
   */
  cluster(): Cluster | null {
    this.client();
    return this.current.mode === 'cluster' ? (this.redis as unknown as Cluster) : null;
  }

  /**
   * The command client for work that needs one server's whole view (analysis, export, server pages, queues):
   * UNSUPPORTED on a cluster, saying what, rather than silently looking at one random node.
   */
  singleServer(what: string): Redis {
    const redis = this.client();
    if (this.current.mode === 'cluster')
      throw new ApiError(
        'UNSUPPORTED',
        `${what} does not work on a Redis Cluster yet: pick a node and connect to it by URL`,
      );
    return redis;
  }

  /** Options for an extra connection to the same server (subscriber, BullMQ); same auth, TLS and db. */
  connectionOptions(): RedisOptions {
    if (this.current.mode === 'cluster')
      throw new ApiError(
        'UNSUPPORTED',
        'queues, workers, beat and pub/sub do not work on a Redis Cluster yet: connect to one node (URL) for them',
      );
    if (!this.options) throw new ApiError('NOT_CONNECTED', 'Redis is not connected');
    return { ...this.options };
  }

  /**
   * Options for a connection that speaks RESP on its own socket (the subscriber, the console, the profiler):
   * behind Sentinel these name the primary in use now, since such a socket cannot ask the sentinels itself.
   */
  directOptions(): RedisOptions {
    if (this.current.mode === 'cluster')
      throw new ApiError(
        'UNSUPPORTED',
        'this needs one server: pick a node of the cluster and connect to it by URL',
      );
    const options = this.connectionOptions();
    if (!options.sentinels) return options;
    const at = this.current.primary;
    if (!at) throw new ApiError('NOT_CONNECTED', 'Redis is not connected: no primary yet');
    const { sentinels: _s, name: _n, sentinelPassword: _p, sentinelUsername: _u, ...rest } = options;
    const i = at.lastIndexOf(':');
    return { ...rest, host: at.slice(0, i), port: Number(at.slice(i + 1)) };
  }

  /** The embedded server's pid, for tests and the processes panel. */
  embeddedPid(): number | undefined {
    return this.embedded.running?.pid;
  }

  /** The embedded server when it is the connection in use, else null. */
  embeddedInUse(): EmbeddedRedis | null {
    return this.current.mode === 'embedded' ? this.embedded.running : null;
  }

  /**
   * Restarts the embedded server in use with files `prepare` changed while it was down, and connects to it
   * again. It comes back on another port, so services treat it as a switch (workers and beat are stopped).
   */
  async restartEmbedded(prepare: () => Promise<PreparedFiles>): Promise<ConnectionStatus> {
    if (!this.embeddedInUse())
      throw new ApiError('UNSUPPORTED', 'the connection in use is not the embedded Redis');
    const persist = this.current.persist ?? true;
    await this.embedded.restartWith(prepare);
    return this.connect({ mode: 'embedded', persist });
  }

  embeddedState(): Promise<EmbeddedState> {
    return this.embedded.state();
  }

  async connect(target: ConnectTarget, stored?: string | StoredSecrets): Promise<ConnectionStatus> {
    const secrets: StoredSecrets = typeof stored === 'string' ? { password: stored } : (stored ?? {});
    const gen = ++this.generation;
    const idle = this.current.state === 'disconnected' || this.current.state === 'error';
    let options: RedisOptions;
    let base: Base;
    let seeds: Array<{ host: string; port: number }> | null = null;
    if (target.mode === 'embedded') {
      const persist = target.persist ?? true;
      if (idle) this.setStatus({ state: 'connecting', mode: 'embedded', url: null, persist });
      try {
        const server = await this.embedded.acquire({
          ...target,
          persist,
          onNote: (note) => gen === this.generation && this.setStatus({ ...this.current, note }),
        });
        options = { host: server.host, port: server.port };
        base = { mode: 'embedded', url: `redis://${server.host}:${server.port}`, persist };
      } catch (err) {
        // A refusal (confirmation missing) happens before anything is touched.
        if (err instanceof ApiError) throw err;
        const message = err instanceof Error ? err.message : String(err);
        // The server this app was using is gone (a restart that failed to start again): say so.
        const lostCurrent = this.current.mode === 'embedded' && !this.embedded.running;
        if (lostCurrent) this.dropClient();
        if (gen === this.generation && (idle || lostCurrent))
          this.setStatus({ state: 'error', mode: 'embedded', url: null, persist, error: message });
        throw new ApiError('REDIS_ERROR', `could not start embedded Redis: ${message}`);
      }
    } else if (target.mode === 'sentinel') {
      options = sentinelOptions(target, secrets);
      base = { mode: 'sentinel', url: sentinelUrl(target), db: options.db };
      if (idle) this.setStatus({ ...base, state: 'connecting' });
    } else if (target.mode === 'cluster') {
      ({ nodes: seeds, options } = clusterOptions(target, secrets));
      base = { mode: 'cluster', url: clusterUrl(target) };
      if (idle) this.setStatus({ ...base, state: 'connecting' });
    } else {
      options = urlOptions(target, secrets.password);
      base = { mode: 'url', url: redactUrl(target.url), db: options.db };
      if (idle) this.setStatus({ ...base, state: 'connecting' });
    }
    let redis: Redis;
    try {
      redis = seeds ? asCommandClient(await openCluster(seeds, options)) : await openClient(options);
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err);
      const message = target.mode === 'sentinel' ? sentinelFailure(raw, target.name) : raw;
      // Only an app that had no working connection shows the failure as its state; a working one stays.
      if (gen === this.generation && idle) this.setStatus({ ...base, state: 'error', error: message });
      throw new ApiError('REDIS_ERROR', `could not connect to ${base.url}: ${message}`);
    }
    if (gen !== this.generation) {
      redis.disconnect();
      throw new ApiError('CONFLICT', 'another connection was chosen meanwhile');
    }
    this.swap(redis, options, base, gen);
    return this.status();
  }

  /** Closes the client; the embedded server keeps running with its data until the app closes. */
  async disconnect(): Promise<ConnectionStatus> {
    this.generation++;
    const wasConnected = this.current.state !== 'disconnected';
    this.dropClient();
    if (wasConnected) this.setStatus({ state: 'disconnected', mode: null, url: null });
    return this.status();
  }

  /** For the app's exit: the client and the embedded server (which writes its AOF as it stops). */
  async close(): Promise<void> {
    await this.disconnect();
    await this.embedded.stop();
  }

  async info(): Promise<ServerInfo> {
    const cluster = this.cluster();
    const info = cluster ? await clusterInfo(cluster) : parseInfo(await this.client().info());
    const ownCommands = ownCommandsSent();
    return { ...info, ownOpsPerSec: this.ownRate.perSec(ownCommands), ownCommands };
  }

  /** Makes a ready client the current one and lets the previous one go. */
  private swap(redis: Redis, options: RedisOptions, base: Base, gen: number): void {
    this.dropClient();
    this.redis = redis;
    this.options = options;
    const sentinel = base.mode === 'sentinel';
    // Behind Sentinel the primary is whichever node the client reached: it changes with a failover.
    const ready = (): ConnectionStatus => ({
      ...base,
      ...(sentinel ? primaryOf(redis) : {}),
      state: 'connected',
    });
    redis.on('ready', () => gen === this.generation && this.setStatus(ready()));
    redis.on('error', (err: Error) => {
      if (gen !== this.generation || this.current.error === err.message) return;
      // While reconnecting, each new reason (ECONNREFUSED, then NOAUTH…) is news for the banner.
      if (this.current.state === 'connecting' && this.current.mode)
        this.setStatus({ ...this.current, error: err.message });
      else this.current = { ...this.current, error: err.message };
    });
    const lost = (): void => {
      if (gen !== this.generation || this.current.state === 'connecting') return;
      const error = this.current.error ?? 'connection lost';
      const primary = this.current.primary;
      const note = sentinel
        ? `failing over: primary ${primary ?? ''} lost; following the sentinels to the new one`
        : undefined;
      this.setStatus({ ...base, primary, state: 'connecting', error, note });
    };
    redis.on('close', lost);
    redis.on('reconnecting', lost);
    this.setStatus(ready());
  }

  private dropClient(): void {
    const redis = this.redis;
    this.redis = null;
    this.options = null;
    if (!redis) return;
    redis.removeAllListeners();
    redis.on('error', () => undefined);
    redis.disconnect();
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

/** The node a client is connected to, as "host:port" (for Sentinel, the primary it was sent to). */
function primaryOf(redis: Redis): { primary?: string } {
  const socket = redis.stream as { remoteAddress?: string; remotePort?: number } | undefined;
  return socket?.remoteAddress && socket.remotePort
    ? { primary: `${socket.remoteAddress}:${socket.remotePort}` }
    : {};
}

/** The cluster client where the command client is expected: ioredis' Cluster has the same command methods. */
function asCommandClient(cluster: Cluster): Redis {
  return cluster as unknown as Redis;
}
