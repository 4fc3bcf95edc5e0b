import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAST_RESORT_MARK } from '../../../src/cli/last-resort';

const GUARD = resolve(import.meta.dirname, '../../../src/cli/last-resort.ts');

// serve installs this guard so one unexpected throw does not take the UI, the workers and Redis down with it.
// It runs here in a child Node, as in serve: installed in this test process it would hide other tests' errors.
describe('last-resort guard', () => {
  it('logs an uncaught exception and an unhandled rejection with their stacks, and the process goes on', () => {
    const script = `
      import { installLastResortGuard } from ${JSON.stringify(GUARD)};
      installLastResortGuard();
      Promise.reject(new Error('rejected in a request path'));
      setTimeout(() => { throw new Error('thrown in a request path'); });
      setTimeout(() => console.log('still serving'));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('still serving');
    expect(run.stderr).toContain(
      `${LAST_RESORT_MARK} unhandled rejection: Error: rejected in a request path`,
    );
    expect(run.stderr).toContain(`${LAST_RESORT_MARK} exception: Error: thrown in a request path`);
    expect(run.stderr).toMatch(/at .*\[eval/); // the stack, not just the message
  });
});
