import { describe, expect, it } from 'vitest';
import { namespaceOf } from '../../../src/renderer/src/stores/value-formats';

describe('namespaceOf: where a picked value format is remembered', () => {
  it('is the key up to and including its last delimiter', () => {
    expect(namespaceOf('cache:user:42', ':')).toBe('cache:user:');
    expect(namespaceOf('cache:user:43', ':')).toBe('cache:user:');
    expect(namespaceOf('bull/q/1', '/')).toBe('bull/q/');
    expect(namespaceOf('a::b', '::')).toBe('a::');
  });
  it('is the empty namespace for a key without the delimiter, or no delimiter at all', () => {
    expect(namespaceOf('plainkey', ':')).toBe('');
    expect(namespaceOf('a:b', '')).toBe('');
  });
});
