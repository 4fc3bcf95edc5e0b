import type { ConnectTarget, SavedConnection } from '../../../../shared/contract';

/** What connection.connect takes for a saved connection: its stored passwords are used by name. */
export function targetOf(c: SavedConnection): ConnectTarget {
  if (c.target) return { ...c.target, saved: c.name };
  return {
    mode: 'url',
    url: c.url.replace(':***@', '@'),
    username: c.username,
    db: c.db,
    tls: c.tls,
    // The CA and skip-verify are kept with the connection: connecting from the list must use them too.
    tlsCa: c.tlsCa,
    tlsSkipVerify: c.tlsSkipVerify,
    saved: c.name,
  };
}
