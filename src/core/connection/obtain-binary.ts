import { findRedisServerBinary } from './find-binary';

const FIX =
  'install Redis (Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) or set ' +
  'REDISMS_SYSTEM_BINARY to a redis-server, then start again';

/**
 * The redis-server the embedded mode runs: the one on PATH, else one that redis-memory-server (a development
 * dependency here, an optional peer in a developer's project; loaded only here) downloads and builds once into its
 * cache — never at install time. The build needs internet and a C
 * compiler and takes minutes, so the caller is told while it runs.
 */
export async function obtainRedisBinary(
  onNote?: (note: string) => void,
  lookup: () => string | undefined = findRedisServerBinary,
): Promise<string> {
  const found = lookup();
  if (found) return found;
  let RedisBinary: { getPath(): Promise<string> };
  try {
    ({ RedisBinary } = (await import('redis-memory-server')) as unknown as {
      RedisBinary: { getPath(): Promise<string> };
    });
  } catch {
    throw new Error(
      `no redis-server on PATH, and redis-memory-server (which can build one) is not installed: ${FIX}`,
    );
  }
  onNote?.('No redis-server on PATH: downloading and building Redis once (a few minutes)…');
  const ticker = startTicker(onNote);
  try {
    return await RedisBinary.getPath();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`no redis-server on PATH, and building one failed (${why}): ${FIX}`, { cause: err });
  } finally {
    clearInterval(ticker);
  }
}

/** Elapsed time on the note, so a long build visibly moves. */
function startTicker(onNote?: (note: string) => void): NodeJS.Timeout {
  const started = Date.now();
  return setInterval(() => {
    const s = Math.round((Date.now() - started) / 1000);
    onNote?.(`No redis-server on PATH: downloading and building Redis once (${s} s so far)…`);
  }, 2000);
}
