import type { Page } from '@playwright/test';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot } from './fixtures';

/** A queue name no other test uses. */
export const uniqueQueue = (stem: string): string => `${stem}-${Math.random().toString(36).slice(2, 8)}`;

/** Starts a real worker process on the queue through the API (the Processes panel test does it by clicking). */
export async function startWorker(
  apiUrl: string,
  queues: string[],
  concurrency = 5,
): Promise<{ id: string; api: WsApi }> {
  const api = await WsApi.open(apiUrl);
  const worker = await api.data<{ id: string }>('workers.start', { queues, concurrency });
  return { id: worker.id, api };
}

export async function stopWorker(w: { id: string; api: WsApi }): Promise<void> {
  await w.api.data('workers.stop', { id: w.id });
  w.api.ws.close();
}

/** Fills the Compose form for one task and leaves it ready to enqueue. */
export async function composeTask(
  app: Page,
  fields: { queue: string; task: string; args: string; attempts?: string; copies?: string },
): Promise<void> {
  await app.getByTestId('nav-compose').click();
  await app.getByTestId('kind-single').click();
  await app.getByTestId('input-queue').fill(fields.queue);
  await app.getByTestId('input-task').fill(fields.task);
  await setArgs(app, 'input-argsJson', fields.args);
  await app.getByTestId('input-options.attempts').fill(fields.attempts ?? '');
  await app.getByTestId('input-options.timing').selectOption('now');
  await app.getByTestId('input-copies').fill(fields.copies ?? '1');
}

/** Replaces the text of a CodeMirror args editor. */
export async function setArgs(app: Page, testId: string, text: string): Promise<void> {
  const editor = app.getByTestId(testId).locator('.cm-content');
  await editor.click();
  await app.keyboard.press('ControlOrMeta+a');
  await app.keyboard.press('Delete');
  await editor.fill(text);
  await expect(editor).toHaveText(text.replace(/\n/g, ''));
}

/** Screenshots the filled form (light and dark), enqueues it and follows the link to the new job. */
export async function enqueueAndOpen(app: Page, shot: string): Promise<void> {
  await screenshot(app, shot, 'light');
  await screenshot(app, shot, 'dark');
  await app.getByTestId('enqueue').click();
  const link = app.getByTestId('open-job');
  await expect(link).toBeVisible();
  await link.click();
  await expect(app.getByTestId('page-queues')).toBeVisible();
}

/** Celery queues have no key prefix: left behind, they would show under every prefix of later tests. */
export async function removeCeleryQueue(api: WsApi, queue: string): Promise<void> {
  const rows = await api.data<Array<{ name: string; counts: { waiting: number } }>>('queues.list', {
    engine: 'celery',
  });
  const confirm = rows.find((r) => r.name === queue)?.counts.waiting ?? 0;
  await api.data('queues.obliterate', { engine: 'celery', queue, confirm, force: true });
}

/** Opens an in-app route (e.g. `#/queues/orders/42`) the way a link does, without a reload. */
export async function openRoute(app: Page, hash: string): Promise<void> {
  await app.evaluate(
    (h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h),
    hash,
  );
}
