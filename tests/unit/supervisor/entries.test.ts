import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { childEntry } from '../../../src/core/supervisor/entries';

describe('which worker / beat entry the supervisor forks', () => {
  it('the built entry beside the bundle, also when this code sits in a chunk folder', () => {
    const out = mkdtempSync(join(tmpdir(), 'qd-out-'));
    mkdirSync(join(out, 'chunks'));
    writeFileSync(join(out, 'worker.js'), '');
    writeFileSync(join(out, 'beat.js'), '');
    expect(childEntry('worker', join(out, 'chunks'))).toEqual({
      modulePath: join(out, 'worker.js'),
      execArgv: [],
    });
    expect(childEntry('beat', out)).toEqual({ modulePath: join(out, 'beat.js'), execArgv: [] });
  });

  it('the TypeScript source through tsx when running from source (vitest)', () => {
    expect(childEntry('worker', resolve('src/core/supervisor'))).toEqual({
      modulePath: resolve('src/core/worker/main.ts'),
      execArgv: ['--import', 'tsx'],
    });
    expect(childEntry('beat').modulePath).toBe(resolve('src/core/beat/main.ts'));
  });

  it('says where it looked when there is neither', () => {
    expect(() => childEntry('worker', mkdtempSync(join(tmpdir(), 'qd-empty-')))).toThrow(
      /cannot find the worker entry near/,
    );
  });
});
