import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import {
  splitHostPort,
  type ClusterTarget,
  type SentinelTarget,
  type TestTarget,
  type UrlTarget,
} from '../../shared/contract';
import type { SharedOptions } from './client-factory';
import { redactUrl } from './redact';

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
    options.tls = tlsSocketOptions(target);
    // SNI takes host names only; an IP address there is refused by TLS (RFC 6066).
    if (!isIP(options.host ?? '')) options.tls.servername = options.host;
  }
  return options;
}

/** A target's TLS choices, as every kind of connection takes them. */
export interface TlsChoices {
  tls?: boolean;
  tlsCa?: string;
  tlsSkipVerify?: boolean;
}

/** Whether a Sentinel or Cluster target asks for TLS: a CA or skip-verify means TLS even without `tls`. */
export function wantsTls(t: TlsChoices): boolean {
  return Boolean(t.tls || t.tlsCa || t.tlsSkipVerify);
}

/**
 * The TLS socket options of a target: plain data (JSON-safe, so child processes get them through
 * sharedOptions). No `servername`: a Sentinel or Cluster reaches many hosts, each checked by its own address.
 */
export function tlsSocketOptions(t: TlsChoices): ConnectionOptions {
  const tls: ConnectionOptions = {};
  if (t.tlsCa) tls.ca = t.tlsCa;
  if (t.tlsSkipVerify) tls.rejectUnauthorized = false;
  return tls;
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
  if (wantsTls(target)) {
    // The primary and replicas (enableTLSForSentinelMode) and the sentinels (sentinelTLS) on the same CA.
    options.tls = tlsSocketOptions(target);
    options.sentinelTLS = tlsSocketOptions(target);
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
  if (wantsTls(target)) options.tls = tlsSocketOptions(target);
  return { nodes: target.nodes.map(splitHostPort), options };
}

export function clusterUrl(target: ClusterTarget): string {
  return `redis-cluster://${target.nodes.join(',')}`;
}

/**
 * What a process opens its own clients from (createAnyClient) for a URL, Sentinel or Cluster target, and how the
 * target is shown (never with a password): for what runs apart from the app's connection, like `queuedesk worker`.
 */
export function sharedTargetOptions(
  target: TestTarget,
  stored: StoredSecrets = {},
): { shared: SharedOptions; shown: string } {
  if (target.mode === 'sentinel')
    return { shared: sentinelOptions(target, stored), shown: sentinelUrl(target) };
  if (target.mode === 'cluster') {
    const { nodes, options } = clusterOptions(target, stored);
    return { shared: { ...options, clusterNodes: nodes }, shown: clusterUrl(target) };
  }
  return { shared: urlOptions(target, stored.password), shown: redactUrl(target.url) };
}

/** ioredis says "All sentinels are unreachable" even when they answered that they know no such master. */
export function sentinelFailure(message: string, name: string): string {
  if (/No such master with that name/i.test(message))
    return `the sentinels answer but monitor no master named "${name}"`;
  // ...and the same when they refused to answer for want of their own password.
  const refused = /^All sentinels are unreachable.*Last error: ((NOAUTH|WRONGPASS)\b.*)$/s.exec(message);
  if (refused) return `the sentinels refuse without their own password (sentinel password): ${refused[1]}`;
  return message;
}
