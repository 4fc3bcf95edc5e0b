import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, methods } from '../../../src/shared/contract';
import { validateParams, requireMethodName } from '../../../src/core/validate';
import { ApiError } from '../../../src/shared/result';

function invalid(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('contract', () => {
  it('names every method ns.member, once, with a schema', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(5);
    for (const name of METHOD_NAMES) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(typeof methods[name].input.safeParse).toBe('function');
    }
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    expect(EVENT_NAMES).toContain('connection.changed');
  });

  it('accepts the two connection targets of DESIGN.md', () => {
    expect(validateParams('connection.connect', { mode: 'embedded', persist: true })).toEqual({
      mode: 'embedded',
      persist: true,
    });
    const url = validateParams('connection.connect', {
      mode: 'url',
      url: 'rediss://u:p@host:6380/2',
      db: 3,
      tls: true,
    });
    expect(url).toMatchObject({ mode: 'url', db: 3, tls: true });
  });

  it('rejects bad params with INVALID_INPUT naming the field', () => {
    const badUrl = invalid(() => validateParams('connection.connect', { mode: 'url', url: 'http://x' }));
    expect(badUrl.code).toBe('INVALID_INPUT');
    expect(badUrl.message).toMatch(/^url: /);
    const badDb = invalid(() =>
      validateParams('connection.connect', { mode: 'url', url: 'redis://x', db: 99 }),
    );
    expect(badDb.message).toMatch(/^db: /);
    const badMode = invalid(() => validateParams('connection.connect', { mode: 'carrier-pigeon' }));
    expect(badMode.message).toMatch(/^mode: /);
    const noNodes = invalid(() => validateParams('connection.connect', { mode: 'cluster' }));
    expect(noNodes.message).toMatch(/^nodes: /);
    const extra = invalid(() => validateParams('connection.status', { surprise: 1 }));
    expect(extra.code).toBe('INVALID_INPUT');
  });

  it('tells unknown and malformed method names apart', () => {
    expect(invalid(() => requireMethodName('keys.nothing')).code).toBe('UNKNOWN_METHOD');
    expect(invalid(() => requireMethodName(42)).code).toBe('BAD_REQUEST');
    expect(invalid(() => requireMethodName('__proto__')).code).toBe('UNKNOWN_METHOD');
    expect(requireMethodName('connection.status')).toBe('connection.status');
  });
});
