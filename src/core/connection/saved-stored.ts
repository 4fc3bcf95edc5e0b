import type { PublicTopologyTarget, SavedConnection, SavedTopologyTarget } from '../../shared/contract';
import { redactUrl } from './redact';

/** One saved connection as connections.json holds it: passwords only sealed. */
export interface StoredConnection {
  name: string;
  /** A URL connection's URL (without password); for Sentinel and Cluster their display form. */
  url: string;
  tls?: boolean;
  tlsCa?: string;
  tlsSkipVerify?: boolean;
  username?: string;
  db?: number;
  passwordSealed?: string;
  /** Set for a Sentinel or Cluster connection (no passwords in it); absent for a URL one (files of before). */
  target?: Omit<SavedTopologyTarget, 'password' | 'sentinelPassword'>;
  sentinelPasswordSealed?: string;
}

/** What connections.list shows: never a password, only whether one is stored. */
export function toPublic(c: StoredConnection): SavedConnection {
  if (c.target) {
    const out: SavedConnection = {
      name: c.name,
      url: c.url,
      mode: c.target.mode,
      target: { ...c.target } as PublicTopologyTarget,
      hasPassword: Boolean(c.passwordSealed),
    };
    if (c.target.mode === 'sentinel') out.hasSentinelPassword = Boolean(c.sentinelPasswordSealed);
    return out;
  }
  const out: SavedConnection = {
    name: c.name,
    url: redactUrl(c.url),
    hasPassword: Boolean(c.passwordSealed),
  };
  if (c.tls !== undefined) out.tls = c.tls;
  if (c.tlsCa !== undefined) out.tlsCa = c.tlsCa;
  if (c.tlsSkipVerify !== undefined) out.tlsSkipVerify = c.tlsSkipVerify;
  if (c.username !== undefined) out.username = c.username;
  if (c.db !== undefined) out.db = c.db;
  return out;
}
