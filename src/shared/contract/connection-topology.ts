import { z } from 'zod';

/** "host:port" of a Redis node or sentinel; IPv6 in brackets ("[::1]:26379"). */
export const HostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):\d{1,5}$/, { message: 'must be host:port', abort: true })
  .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, { message: 'port must be ≤ 65535' });

/** PEM of the CA that signed the servers' certificates (a private or self-signed CA); not a secret. */
export const TlsCa = z.string().max(100_000);

/** A primary found through Redis Sentinel by its master name; ioredis follows a failover by itself. */
export const SentinelTarget = z
  .object({
    mode: z.literal('sentinel'),
    sentinels: z.array(HostPort).min(1).max(32),
    /** The master name the sentinels monitor (`sentinel monitor <name> …`). */
    name: z.string().trim().min(1).max(200),
    /** Credentials of the Redis primary and replicas. */
    username: z.string().optional(),
    password: z.string().optional(),
    /** Credentials of the sentinels themselves, when they have their own (`requirepass` in sentinel.conf). */
    sentinelUsername: z.string().optional(),
    sentinelPassword: z.string().optional(),
    /** TLS to the primary and replicas and to the sentinels (tlsCa or tlsSkipVerify turn it on too). */
    tls: z.boolean().optional(),
    /** The CA for the data nodes' and the sentinels' certificates. */
    tlsCa: TlsCa.optional(),
    /** Accept any certificate: for local self-signed set-ups only. */
    tlsSkipVerify: z.boolean().optional(),
    db: z.number().int().min(0).max(15).optional(),
    /** Name of a saved connection whose stored passwords are used when none are given. */
    saved: z.string().optional(),
  })
  .strict();
export type SentinelTarget = z.infer<typeof SentinelTarget>;

/** Splits "host:port" (brackets of IPv6 removed). */
export function splitHostPort(s: string): { host: string; port: number } {
  const i = s.lastIndexOf(':');
  return { host: s.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(s.slice(i + 1)) };
}

/** A Redis Cluster reached through any of its nodes (ioredis discovers the rest and routes by slot). */
export const ClusterTarget = z
  .object({
    mode: z.literal('cluster'),
    nodes: z.array(HostPort).min(1).max(64),
    username: z.string().optional(),
    password: z.string().optional(),
    /** TLS to every node (tlsCa or tlsSkipVerify turn it on too). */
    tls: z.boolean().optional(),
    /** The CA for the nodes' certificates (they are checked against the addresses the cluster announces). */
    tlsCa: TlsCa.optional(),
    /** Accept any certificate: for local self-signed set-ups only. */
    tlsSkipVerify: z.boolean().optional(),
    /** Name of a saved connection whose stored password is used when none is given. */
    saved: z.string().optional(),
  })
  .strict();
export type ClusterTarget = z.infer<typeof ClusterTarget>;

/** One node of the connection: on a cluster each primary and replica; on one server, that server. */
export interface ClusterNodeInfo {
  /** "host:port", as the cluster announces it; what `node` fields of other methods take. */
  address: string;
  role: 'primary' | 'replica';
  /** The cluster's node id ('' on one server). */
  id: string;
  /** Hash-slot ranges served, inclusive [from, to] (primaries of a cluster only). */
  slots: Array<[number, number]>;
  /** For a replica: the address of the primary it copies. */
  replicaOf?: string;
  /** Set when the cluster marks the node failing (`fail` or `fail?`). */
  failing?: boolean;
}

/** A cluster primary that is gone, while its replica has not taken over: its slots answer nobody meanwhile. */
export interface LostNode {
  /** "host:port" of the lost primary. */
  address: string;
  /** The hash-slot ranges nobody serves now, inclusive [from, to]; empty once its replica took them. */
  slots: Array<[number, number]>;
}

/** Picks one node of a cluster for what runs on one server; left out on other connections. */
export const NodePick = z.object({ node: HostPort.optional() });
