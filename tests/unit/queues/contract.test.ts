import { describe, expect, it } from 'vitest';
import { validateParams } from '../../../src/core/validate';

function invalid(method: Parameters<typeof validateParams>[0], params: unknown): string {
  try {
    validateParams(method, params);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('queues contract', () => {
  it('parses argsJson and defaults the prefix', () => {
    const p = validateParams('jobs.add', { queue: 'q', task: 't', argsJson: '{"a":[1,2]}' });
    expect(p).toEqual({ queue: 'q', prefix: 'bull', engine: 'bullmq', task: 't', args: { a: [1, 2] } });
    expect(validateParams('jobs.add', { queue: 'q', task: 't' }).args).toBeNull();
  });

  it('names the field of bad input', () => {
    expect(invalid('jobs.add', { queue: 'q', task: 't', argsJson: '{oops' })).toMatch(
      /^argsJson: not valid JSON/,
    );
    expect(invalid('jobs.add', { queue: 'q', task: 't', options: { delayMs: -5 } })).toMatch(
      /options\.delayMs: delay cannot be negative/,
    );
    expect(invalid('jobs.add', { queue: 'a:b', task: 't' })).toMatch(/^queue:/);
    expect(invalid('jobs.add', { queue: 'q', task: '' })).toMatch(/^task:/);
    expect(invalid('jobs.list', { queue: 'q', state: 'nope' })).toMatch(/^state:/);
    expect(invalid('flows.add', { queue: 'q', kind: 'chord', steps: [{ task: 'a' }] })).toMatch(/^callback:/);
    expect(invalid('flows.add', { queue: 'q', kind: 'chain', steps: [] })).toMatch(/^steps:/);
  });
});
