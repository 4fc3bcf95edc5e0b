import { isIP } from 'node:net';
import type { RedisOptions } from 'ioredis';
import {
  splitHostPort,
  type ClusterTarget,
  type SentinelTarget,
  type UrlTarget,
} from '../../shared/contract';

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

/** Stored passwords of a saved connection, used where the target gives none. */
export interface StoredSecrets {
  password?: string;
  sentinelPassword?: string;
}

/** ioredis options for a Sentinel target: ioredis asks the sentinels for the primary and follows its failovers. */
export function sentinelOptions(target: SentinelTarget, stored: StoredSecrets = {}): RedisOptions {
  const options: RedisOptions = {
    sentinels: target.sentinels.map(splitHostPort),
    name: target.name,
  };
  const password = target.password ?? stored.password;
  const sentinelPassword = target.sentinelPassword ?? stored.sentinelPassword;
  if (target.username) options.username = target.username;
  if (password) options.password = password;
  if (target.sentinelUsername) options.sentinelUsername = target.sentinelUsername;
  if (sentinelPassword) options.sentinelPassword = sentinelPassword;
  if (target.db !== undefined) options.db = target.db;
  if (target.tls) {
    options.tls = {};
    options.sentinelTLS = {};
    options.enableTLSForSentinelMode = true;
  }
  return options;
}

/** How a Sentinel connection is shown: never with a password. */
export function sentinelUrl(target: SentinelTarget): string {
  return `redis-sentinel://${target.sentinels.join(',')}/${encodeURIComponent(target.name)}`;
}

/** Seed nodes and the per-node options of a cluster target. */
export function clusterOptions(
  target: ClusterTarget,
  stored: StoredSecrets = {},
): { nodes: Array<{ host: string; port: number }>; options: RedisOptions } {
  const options: RedisOptions = {};
  const password = target.password ?? stored.password;
  if (target.username) options.username = target.username;
  if (password) options.password = password;
  if (target.tls) options.tls = {};
  return { nodes: target.nodes.map(splitHostPort), options };
}

export function clusterUrl(target: ClusterTarget): string {
  return `redis-cluster://${target.nodes.join(',')}`;
}

/** ioredis says "All sentinels are unreachable" even when they answered that they know no such master. */
export function sentinelFailure(message: string, name: string): string {
  return /No such master with that name/i.test(message)
    ? `the sentinels answer but monitor no master named "${name}"`
    : message;
}
