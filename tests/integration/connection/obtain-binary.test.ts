import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { obtainRedisBinary } from '../../../src/core/connection/obtain-binary';
import { findRedisServerBinary } from '../../../src/core/connection/find-binary';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('the redis-server the embedded mode runs', () => {
  it('is the one on PATH when there is one, with nothing built', async () => {
    const notes: string[] = [];
    expect(await obtainRedisBinary((n) => notes.push(n))).toBe(findRedisServerBinary());
    expect(notes).toEqual([]);
  });

  it('without one, says it is building Redis, and a failed build names the fix', async () => {
    // A version that exists nowhere and an empty cache: the build fails the same way online and offline.
    process.env.REDISMS_VERSION = '0.0.0-queuedesk-test';
    process.env.REDISMS_DOWNLOAD_DIR = mkdtempSync(join(tmpdir(), 'qd-rms-'));
    const notes: string[] = [];
    const failure = await obtainRedisBinary(
      (n) => notes.push(n),
      () => undefined,
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/no redis-server on PATH, and building one failed/);
    expect((failure as Error).message).toMatch(/apt-get install redis-server.*brew install redis/);
    expect(notes[0]).toMatch(/downloading and building Redis once/);
  }, 60_000);
});
