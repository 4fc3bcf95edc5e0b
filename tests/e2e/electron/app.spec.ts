import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The Electron binary that `npm install` downloads where it can; absent offline. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('the desktop app opens connected to the embedded Redis', async () => {
  const why =
    'No Electron binary installed (its download was skipped or failed, e.g. offline): the browser project covers the same UI through serve.';
  // Said on the console too: the list reporter shows skips without their reason.
  if (!binary) console.log(`electron e2e skipped: ${why}`);
  test.skip(!binary, why);
  const app = await electron.launch({
    args: [resolve('out/main/index.js'), '--no-sandbox'],
    env: { ...process.env, QUEUEDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'qd-electron-')) },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('status-state')).toHaveText('Connected', { timeout: 20_000 });
    await expect(window.getByTestId('status-version')).toHaveText(/^Redis \d+\.\d+\.\d+$/);
    // The page has the typed bridge and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { queuedesk?: object }).queuedesk)).toBe(
      'object',
    );
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    await window.screenshot({ path: 'test-results/screenshots/electron-light.png' });
  } finally {
    await app.close();
  }
});
