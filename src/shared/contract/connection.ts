import { z } from 'zod';
import { type } from './define';
import {
  ClusterTarget,
  SentinelTarget,
  TlsCa,
  type ClusterNodeInfo,
  type LostNode,
} from './connection-topology';
import { SavedTopologyInput, type PublicTopologyTarget } from './saved-topology';

export const Empty = z.object({}).strict();

export const ConnectionState = z.enum(['connected', 'connecting', 'disconnected', 'error']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const EmbeddedTarget = z
  .object({
    mode: z.literal('embedded'),
    /** Keep data across app restarts (AOF in the app's data folder); omitted means true, false is scratch. */
    persist: z.boolean().optional(),
    /** Stop and start the embedded server again even when it already runs as asked. */
    restart: z.boolean().optional(),
    /** Delete every key of the embedded server (FLUSHALL): needs `confirm`. */
    reset: z.boolean().optional(),
    /** The number of keys that will be lost (scratch data on restart, everything on reset); must match. */
    confirm: z.number().int().min(0).optional(),
  })
  .strict();

export const UrlTarget = z
  .object({
    mode: z.literal('url'),
    url: z
      .string()
      .min(1)
      .refine((u) => /^rediss?:\/\//.test(u), { message: 'must start with redis:// or rediss://' }),
    tls: z.boolean().optional(),
    /** PEM of the CA that signed the server's certificate (a private or self-signed CA). */
    tlsCa: TlsCa.optional(),
    /** Accept any certificate: for local self-signed set-ups only. */
    tlsSkipVerify: z.boolean().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    db: z.number().int().min(0).max(15).optional(),
    /** Name of a saved connection whose stored password is used when none is given. */
    saved: z.string().optional(),
  })
  .strict();

export const ConnectTarget = z.discriminatedUnion('mode', [
  EmbeddedTarget,
  UrlTarget,
  SentinelTarget,
  ClusterTarget,
]);
export type ConnectTarget = z.infer<typeof ConnectTarget>;
export type UrlTarget = z.infer<typeof UrlTarget>;

export interface ConnectionStatus {
  state: ConnectionState;
  mode: 'embedded' | 'url' | 'sentinel' | 'cluster' | null;
  /**
   * Always with the password redacted; for Sentinel `redis-sentinel://sentinel1,sentinel2/name`, for a cluster
   * `redis-cluster://node1,node2` (the nodes it was given).
   */
  url: string | null;
  /** Sentinel: the primary in use now ("host:port"), as the sentinels named it; changes with a failover. */
  primary?: string;
  persist?: boolean;
  db?: number;
  /** Last error seen on the connection, cleared when it is ready again. */
  error?: string;
  /**
   * What a slow start is doing (e.g. building Redis on a machine without redis-server), while connecting; on a
   * cluster, also while `lostNodes` is set ("failing over: node … lost; …"), whatever the state.
   */
  note?: string;
  /**
   * Cluster: primaries lost whose replicas have not taken over yet. The state stays 'connected' meanwhile, since
   * every other slot is served; commands for these slots get a clear error. Gone when the cluster is whole.
   */
  lostNodes?: LostNode[];
}

/** The embedded server, also while another connection is in use (it keeps running, with its data). */
export interface EmbeddedState {
  running: boolean;
  persist: boolean | null;
  /** Keys in all its databases; null when it is not running. */
  keys: number | null;
  url: string | null;
  pid: number | null;
}

export interface ServerInfo {
  version: string;
  mode: string;
  uptimeSec: number;
  /** The server's process id (same machine only means something for the embedded one). */
  pid: number;
  usedMemory: number;
  usedMemoryHuman: string;
  connectedClients: number;
  opsPerSec: number;
  /** Of opsPerSec, about how many are QueueDesk's own (commands its host's clients sent, per second). */
  ownOpsPerSec: number;
  /** Commands QueueDesk's host has sent since it started (all its clients). */
  ownCommands: number;
  keyspace: Record<string, { keys: number; expires: number }>;
}

/** `connections.save` for a URL connection (the password may be in the URL or apart). */
export const SavedUrlInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: UrlTarget.shape.url,
    tls: z.boolean().optional(),
    tlsCa: TlsCa.optional(),
    tlsSkipVerify: z.boolean().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    db: z.number().int().min(0).max(15).optional(),
  })
  .strict();

/** A URL connection as before, or `{name, target}` for a Sentinel or Cluster one. */
export const SavedConnectionInput = z.union([SavedUrlInput, SavedTopologyInput]);
export type SavedConnectionInput = z.infer<typeof SavedConnectionInput>;

export interface SavedConnection {
  name: string;
  /** Password redacted; for Sentinel and Cluster the display form (`redis-sentinel://…`, `redis-cluster://…`). */
  url: string;
  /** Set for a Sentinel or Cluster connection; absent means a URL connection. */
  mode?: 'sentinel' | 'cluster';
  /** Sentinel or Cluster: what to connect to (no passwords); connection.connect takes it with `saved: name`. */
  target?: PublicTopologyTarget;
  tls?: boolean;
  tlsCa?: string;
  tlsSkipVerify?: boolean;
  username?: string;
  db?: number;
  hasPassword: boolean;
  /** Sentinel: whether a password of the sentinels themselves is stored. */
  hasSentinelPassword?: boolean;
}

/** What connection.test takes: anything connection.connect reaches over the network. */
export const TestTarget = z.discriminatedUnion('mode', [UrlTarget, SentinelTarget, ClusterTarget]);
export type TestTarget = z.infer<typeof TestTarget>;

export interface TestOutcome {
  ok: boolean;
  version?: string;
  error?: string;
  latencyMs?: number;
  /** Sentinel: the primary the sentinels named ("host:port"). */
  primary?: string;
  /** Cluster: how many primaries serve its slots. */
  primaries?: number;
}

export const connectionMethods = {
  'connection.status': { input: Empty, output: type<ConnectionStatus>() },
  'connection.connect': { input: ConnectTarget, output: type<ConnectionStatus>() },
  'connection.disconnect': { input: Empty, output: type<ConnectionStatus>() },
  'connection.embedded': { input: Empty, output: type<EmbeddedState>() },
  'connection.test': {
    input: TestTarget,
    output: type<TestOutcome>(),
  },
  'connections.list': { input: Empty, output: type<SavedConnection[]>() },
  'connections.save': { input: SavedConnectionInput, output: type<SavedConnection[]>() },
  'connections.remove': {
    input: z.object({ name: z.string().min(1) }).strict(),
    output: type<SavedConnection[]>(),
  },
  'server.info': { input: Empty, output: type<ServerInfo>() },
  /** The nodes of the connection (a cluster's primaries and replicas with their slots), for `node` pickers. */
  'connection.nodes': { input: Empty, output: type<{ nodes: ClusterNodeInfo[] }>() },
};

export const connectionEvents = {
  'connection.changed': type<ConnectionStatus>(),
};
