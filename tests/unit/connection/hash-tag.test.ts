import { describe, expect, it } from 'vitest';
import keySlot from 'cluster-key-slot';
import { hasHashTag } from '../../../src/core/connection/any-redis';
import { checkClusterPrefix } from '../../../src/core/queues/cluster-prefix';

describe('hash tags of a queue prefix', () => {
  it('follows Redis: the text between the first "{" and the next "}", when not empty', () => {
    for (const tagged of ['{bull}', 'app:{jobs}', '{b}x', 'a{b}{c}'])
      expect(hasHashTag(tagged), tagged).toBe(true);
    for (const plain of ['bull', '{}bull', '{bull', 'bull}', '}{', 'a{}{b}'])
      expect(hasHashTag(plain), plain).toBe(false);
  });

  it('agrees with the slot Redis computes: every key under a tagged prefix shares its slot', () => {
    for (const prefix of ['{bull}', 'app:{jobs}', 'a{b}{c}'])
      expect(new Set(['meta', 'wait', 'q2:events'].map((k) => keySlot(`${prefix}:${k}`))).size, prefix).toBe(
        1,
      );
  });

  it('refuses an untagged prefix only on a cluster, naming what to use', () => {
    const cluster = { clusterNodes: [{ host: '127.0.0.1', port: 7000 }] };
    expect(() => checkClusterPrefix({ port: 6379 }, 'bull')).not.toThrow();
    expect(() => checkClusterPrefix(cluster, '{bull}')).not.toThrow();
    expect(() => checkClusterPrefix(cluster, 'bull')).toThrow(/use a prefix in braces such as "\{bull\}"$/);
    expect(() => checkClusterPrefix(cluster, 'jobs')).toThrow(/"\{bull\}" \(or "\{jobs\}"\)$/);
  });
});
