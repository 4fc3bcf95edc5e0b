import { z } from 'zod';

/** "host:port" of a Redis node or sentinel; IPv6 in brackets ("[::1]:26379"). */
export const HostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):\d{1,5}$/, { message: 'must be host:port' })
  .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, { message: 'port must be ≤ 65535' });

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
    /** TLS to the primary and to the sentinels. */
    tls: z.boolean().optional(),
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
    tls: z.boolean().optional(),
    /** Name of a saved connection whose stored password is used when none is given. */
    saved: z.string().optional(),
  })
  .strict();
export type ClusterTarget = z.infer<typeof ClusterTarget>;
