import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../helpers/process-alive';
import { screenshot } from './fixtures';

// The README's "try it" command, as a newcomer types it. Without a display there can be no desktop window (true
// here whether or not Electron is installed), so `npm start` must say why and serve the same UI on loopback.
test('npm start without a desktop window says why, prints the URL, and the page connects', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_/i.test(k) && k !== 'DISPLAY' && k !== 'WAYLAND_DISPLAY',
    ),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'qd-start-'));
  const proc = spawn('npm', ['start', '--', '--port', '0', '--no-open', '--data-dir', dataDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: npm, the build and the app stop together
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  try {
    await waitUntil(() => /QueueDesk serving at \S+/.test(out) || proc.exitCode !== null, 90_000);
    expect(out).toMatch(/^No desktop window: .+\. Opening QueueDesk in the browser instead\.$/m);
    const url = /QueueDesk serving at (\S+)/.exec(out)?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await page.goto(url);
    await expect(page.getByTestId('status-state')).toHaveText('Connected', { timeout: 20_000 });
    await screenshot(page, 'first-run-npm-start');
  } finally {
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.pid && proc.exitCode === null) process.kill(-proc.pid, 'SIGTERM');
    await exited;
  }
});
