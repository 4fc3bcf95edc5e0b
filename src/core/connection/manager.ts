import { EventEmitter } from 'node:events';
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { ApiError } from '../../shared/result';
import type {
  ClusterNodeInfo,
  ConnectionStatus,
  ConnectTarget,
  EmbeddedState,
  ServerInfo,
} from '../../shared/contract';
import type { EmbeddedRedis } from './embedded';
import { EmbeddedSlot, type PreparedFiles } from './embedded-slot';
import { clusterInfo, clusterNodes } from './cluster-info';
import { ClusterFollower } from './cluster-follow';
import { clusterSeeds, type HostPort } from './cluster-seeds';
import { failoverNote } from './unserved-slots';
import type { SharedOptions } from './client-factory';
import { parseInfo } from './info';
import { openClient, openCluster } from './open-client';
import { ownCommandsSent } from './own-commands';
import { RateMeter } from './rate-meter';
import { sentinelFailure, sharedTargetOptions, type StoredSecrets } from './target-options';
import { tlsFailure } from './tls-failure';
import { nodeAddress } from './any-redis';

/** The embedded Redis' share of serve's bounded stop (cli/serve.ts), after the workers' 5 s. */
const APP_CLOSE_REDIS_MS = 2500;

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
  /** The nodes a cluster connection was given (null on any other connection). */
  private seeds: HostPort[] | null = null;
  /** The cluster's lost primaries, while a cluster is the connection. */
  private readonly follower = new ClusterFollower();
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
   * Options any service or child process can open its own client from, on every kind of connection: on a cluster
   * they carry the seed nodes too (`createAnyClient` builds a Cluster from them). The same for as long as the
   * connection is: services compare them to tell a switch to another server.
   */
  sharedOptions(): SharedOptions {
    if (!this.options) throw new ApiError('NOT_CONNECTED', 'Redis is not connected');
    if (this.current.mode !== 'cluster' || !this.seeds) return { ...this.options };
    return { ...this.options, clusterNodes: this.seeds.map((n) => ({ ...n })) };
  }

  /**
   * sharedOptions() to open a client with now: on a cluster every node the live client knows comes before the
   * seeds, so a client opened after a failover that took the seed node does not wait for that node forever.
   */
  openOptions(): SharedOptions {
    const shared = this.sharedOptions();
    if (!shared.clusterNodes) return shared;
    const live = this.redis as unknown as Cluster | null;
    return { ...shared, clusterNodes: clusterSeeds(shared.clusterNodes, live) };
  }

  /**
   * The client of one node, for what runs on one server (server pages, analysis, the console without a key):
   * on a cluster `node` ("host:port", as connection.nodes lists it) says which, and is required; elsewhere it
   * may be left out or name the server in use.
   */
  nodeClient(node: string | undefined, what: string): Redis {
    const cluster = this.cluster();
    return cluster ? this.follower.liveNode(cluster, node, what) : this.client();
  }

  /** Options for a socket of its own to one node (console, profiler, subscriber), as nodeClient picks it. */
  nodeOptions(node: string | undefined, what: string): RedisOptions {
    const cluster = this.cluster();
    if (!cluster) return this.directOptions();
    const found = this.follower.liveNode(cluster, node, what);
    return { ...this.options, host: found.options.host, port: found.options.port };
  }

  /** Every node of the cluster with its role and slots; on one server, that server as the only primary. */
  async nodes(): Promise<ClusterNodeInfo[]> {
    const cluster = this.cluster();
    if (!cluster) {
      const at = this.current.primary ?? nodeAddress(this.client());
      return [{ address: at, role: 'primary', slots: [], id: '' }];
    }
    return clusterNodes(cluster);
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
    let seeds: HostPort[] | null = null;
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
    } else {
      ({ options, seeds, base } = remoteTarget(target, secrets));
      if (idle) this.setStatus({ ...base, state: 'connecting' });
    }
    let redis: Redis;
    try {
      redis = seeds ? asCommandClient(await openCluster(seeds, options)) : await openClient(options);
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err);
      const message = tlsFailure(target.mode === 'sentinel' ? sentinelFailure(raw, target.name) : raw);
      // Only an app that had no working connection shows the failure as its state; a working one stays.
      if (gen === this.generation && idle) this.setStatus({ ...base, state: 'error', error: message });
      throw new ApiError('REDIS_ERROR', `could not connect to ${base.url}: ${message}`);
    }
    if (gen !== this.generation) {
      redis.disconnect();
      throw new ApiError('CONFLICT', 'another connection was chosen meanwhile');
    }
    this.swap(redis, options, base, gen, seeds);
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

  /**
   * For the app's exit: the client and the embedded server, which flushes and syncs its AOF on SIGTERM (tens of
   * ms). Bounded, so the app exits in time: only a Redis stuck past the grace (a save that fails) is killed.
   */
  async close(): Promise<void> {
    await this.disconnect();
    await this.embedded.stop(APP_CLOSE_REDIS_MS);
  }

  async info(): Promise<ServerInfo> {
    const cluster = this.cluster();
    const lost = this.follower.lost()?.map((n) => n.address);
    const info = cluster ? await clusterInfo(cluster, lost) : parseInfo(await this.client().info());
    const ownCommands = ownCommandsSent();
    return { ...info, ownOpsPerSec: this.ownRate.perSec(ownCommands), ownCommands };
  }

  /** Makes a ready client the current one and lets the previous one go. */
  private swap(redis: Redis, options: RedisOptions, base: Base, gen: number, seeds: HostPort[] | null): void {
    this.dropClient();
    this.redis = redis;
    this.options = options;
    // Before 'connected' is announced: listeners open their clients from sharedOptions() right then.
    this.seeds = seeds;
    const sentinel = base.mode === 'sentinel';
    // Behind Sentinel the primary is whichever node the client reached: it changes with a failover.
    const ready = (): ConnectionStatus => {
      const lostNodes = this.follower.lost();
      return {
        ...base,
        ...(sentinel ? primaryOf(redis) : {}),
        ...(lostNodes ? { lostNodes, note: failoverNote(lostNodes) } : {}),
        state: 'connected',
      };
    };
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
    if (base.mode === 'cluster')
      this.follower.follow(redis as unknown as Cluster, {
        lost: (nodes) =>
          gen === this.generation &&
          this.setStatus({ ...this.current, lostNodes: nodes, note: failoverNote(nodes) }),
        whole: () => gen === this.generation && this.setStatus(ready()),
      });
    this.setStatus(ready());
  }

  private dropClient(): void {
    this.follower.stop();
    const redis = this.redis;
    this.redis = null;
    this.options = null;
    this.seeds = null;
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
    // A partial cluster failover keeps its note while connected: the banner shows it.
    if (clean.state !== 'connecting' && !clean.lostNodes) delete clean.note;
    this.current = clean;
    this.emit('changed', this.status());
  }
}

/** The node a client is connected to, as "host:port" (for Sentinel, the primary it was sent to). */
export function primaryOf(redis: Redis): { primary?: string } {
  const socket = redis.stream as { remoteAddress?: string; remotePort?: number } | undefined;
  return socket?.remoteAddress && socket.remotePort
    ? { primary: `${socket.remoteAddress}:${socket.remotePort}` }
    : {};
}

/**
 * A URL, Sentinel or Cluster target's client options, seeds (a cluster's) and how it is shown: the same dispatch
 * `queuedesk worker` opens its clients from.
 */
function remoteTarget(
  target: Exclude<ConnectTarget, { mode: 'embedded' }>,
  secrets: StoredSecrets,
): { options: RedisOptions; seeds: HostPort[] | null; base: Base } {
  const { shared, shown } = sharedTargetOptions(target, secrets);
  const { clusterNodes, ...options } = shared;
  const base: Base =
    target.mode === 'cluster'
      ? { mode: 'cluster', url: shown }
      : { mode: target.mode, url: shown, db: options.db };
  return { options, seeds: clusterNodes ?? null, base };
}

/** The cluster client where the command client is expected: ioredis' Cluster has the same command methods. */
function asCommandClient(cluster: Cluster): Redis {
  return cluster as unknown as Redis;
}
