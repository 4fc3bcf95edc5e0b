/** How the console runs a command: on its shared connection, or on one of its own that can be cancelled. */
export type RunMode = 'plain' | 'blocking' | 'streaming';

const BLOCKING = new Set([
  'BLPOP',
  'BRPOP',
  'BLMOVE',
  'BRPOPLPUSH',
  'BLMPOP',
  'BZPOPMIN',
  'BZPOPMAX',
  'BZMPOP',
  'WAIT',
  'WAITAOF',
]);
const STREAMING = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'MONITOR']);

const upper = (b: Buffer | undefined): string => (b ? b.toString('latin1').toUpperCase() : '');

export function runMode(args: Buffer[]): RunMode {
  const name = upper(args[0]);
  if (STREAMING.has(name)) return 'streaming';
  if (BLOCKING.has(name)) return 'blocking';
  // XREAD / XREADGROUP block only with a BLOCK option before STREAMS.
  if (name === 'XREAD' || name === 'XREADGROUP') {
    for (const a of args.slice(1)) {
      const word = upper(a);
      if (word === 'STREAMS') break;
      if (word === 'BLOCK') return 'blocking';
    }
  }
  return 'plain';
}

/** KEYS scans the whole keyspace in one call: past this many keys it stalls the server noticeably. */
export const KEYS_LARGE_KEYSPACE = 10_000;

/**
 * Why a command needs a confirmation, or null. `dbSize` is asked only for KEYS (null when unknown).
 */
export function dangerReason(args: Buffer[], dbSize: () => Promise<number | null>): Promise<string | null> {
  const name = upper(args[0]);
  const sub = upper(args[1]);
  const now = (r: string | null): Promise<string | null> => Promise.resolve(r);
  switch (name) {
    case 'FLUSHALL':
      return now('FLUSHALL deletes every key in every database of this server.');
    case 'FLUSHDB':
      return now('FLUSHDB deletes every key in the current database.');
    case 'SHUTDOWN':
      return now('SHUTDOWN stops the Redis server; every client loses its connection.');
    case 'DEBUG':
      return now('DEBUG can crash, freeze or reload the server (DEBUG SEGFAULT, SLEEP, RELOAD…).');
    case 'CONFIG':
      if (sub === 'SET')
        return now('CONFIG SET changes the running server’s configuration for every client.');
      if (sub === 'REWRITE') return now('CONFIG REWRITE overwrites the server’s redis.conf on disk.');
      return now(null);
    case 'SCRIPT':
      return now(
        sub === 'FLUSH' ? 'SCRIPT FLUSH removes every cached Lua script; EVALSHA callers fail.' : null,
      );
    case 'FUNCTION':
      return now(sub === 'FLUSH' ? 'FUNCTION FLUSH deletes every function library.' : null);
    case 'KEYS':
      return dbSize().then((n) =>
        n !== null && n > KEYS_LARGE_KEYSPACE
          ? `KEYS walks all ${n} keys in one call and blocks the server meanwhile; SCAN (the key browser) does not.`
          : null,
      );
    default:
      return now(null);
  }
}
