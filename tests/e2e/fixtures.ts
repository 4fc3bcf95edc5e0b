import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { backOnEmbedded } from './embedded-connection';

export const SCREENSHOT_DIR = 'test-results/screenshots';

interface Fixtures {
  /** Opens the app page connected to this worker's serve process. */
  app: Page;
}

interface WorkerFixtures {
  serve: ServeProcess;
}

/** One `queuedesk serve` (embedded Redis) per Playwright worker; every test opens the UI against it. */
export const test = base.extend<Fixtures, WorkerFixtures>({
  serve: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const serve = await startServeProcess();
      await use(serve);
      await serve.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, serve }, use) => {
    // The serve is shared by the worker's tests: one that moved it to another Redis (a cluster it then stopped)
    // must not leave the next one on it.
    await backOnEmbedded(serve.apiUrl);
    await page.goto(serve.pageUrl);
    await use(page);
  },
});

/** Saves a screenshot of the page, or of one element, under test-results/screenshots, in the given color scheme. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  scheme: 'light' | 'dark' = 'light',
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const page = 'goto' in target ? target : target.page();
  await page.emulateMedia({ colorScheme: scheme });
  await target.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${scheme}.png` });
}

export { expect };
