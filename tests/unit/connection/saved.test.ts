import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SavedConnections } from '../../../src/core/connection/saved';
import { localKeySecretBox } from '../../../src/core/connection/secrets';

describe('saved connections', () => {
  it('stores passwords sealed, never in clear, and gives them back for connecting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-saved-'));
    const store = new SavedConnections(
      join(dir, 'connections.json'),
      localKeySecretBox(join(dir, 'secret.key')),
    );
    const list = store.save({ name: 'staging', url: 'redis://app:hunter2@staging:6379/1' });
    expect(list).toEqual([{ name: 'staging', url: 'redis://app@staging:6379/1', hasPassword: true }]);
    const onDisk = readFileSync(join(dir, 'connections.json'), 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect(store.password('staging')).toBe('hunter2');

    // Saving again without a password keeps the sealed one; a new password replaces it.
    store.save({ name: 'staging', url: 'redis://app@staging:6379/2' });
    expect(store.password('staging')).toBe('hunter2');
    store.save({ name: 'staging', url: 'redis://staging', password: 'n3w' });
    expect(store.password('staging')).toBe('n3w');

    // A second store over the same files (an app restart) reads the same.
    const again = new SavedConnections(
      join(dir, 'connections.json'),
      localKeySecretBox(join(dir, 'secret.key')),
    );
    expect(again.password('staging')).toBe('n3w');
    expect(again.remove('staging')).toEqual([]);
  });
});
