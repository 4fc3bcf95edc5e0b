import { describe, expect, it } from 'vitest';
import { globMayMatchPrefix } from '../../../src/core/pubsub/glob-prefix';

const KS = '__keyspace@';

describe('whether a pattern can hear names with a prefix (keyspace channels on a cluster)', () => {
  it.each([
    ['*', true],
    ['__key*', true],
    ['__keyspace@0__:*', true],
    ['__keys?ace@*', true],
    ['__key[a-z]pace@*', true],
    ['__key[^e]pace@*', true],
    ['_\\_keyspace@*', true],
    ['?*', true],
    ['news', false],
    ['ev:*', false],
    ['__keyevent@*', false],
    ['__key[^s]pace@*', false],
    ['__key[a-r]pace@*', false],
    ['__keys', false],
    ['\\*', false],
  ])('%s → %s', (pattern, hears) => {
    expect(globMayMatchPrefix(pattern, KS)).toBe(hears);
  });
});
