import { Redis } from 'ioredis';
import type { Page } from '@playwright/test';
import { WsApi } from '../helpers/ws-api';
import type { ServeProcess } from '../helpers/serve-process';

/** A direct Redis client to the serve process's embedded Redis, to seed data the way an app would. */
export async function redisOf(serve: ServeProcess): Promise<{ redis: Redis; ws: WsApi }> {
  const ws = await WsApi.open(serve.apiUrl);
  const status = await ws.data<{ url: string }>('connection.status');
  const redis = new Redis(status.url);
  return { redis, ws };
}

export async function openKeys(page: Page): Promise<void> {
  await page.getByTestId('nav-keys').click();
  await page.getByTestId('key-count').waitFor();
}

/** Runs in the page (as text: the node typecheck has no DOM types): one scroll step per animation frame. */
const SCROLL_SCRIPT = (step: number): string => `(async () => {
  const el = document.querySelector('[data-testid="keys-vlist"]');
  el.scrollTop = 0;
  const frames = [];
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let last = await frame();
  while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
    el.scrollTop += ${step};
    const t = await frame();
    frames.push(t - last);
    last = t;
  }
  return { frames, reachedEnd: el.scrollTop + el.clientHeight >= el.scrollHeight - 1 };
})()`;

/** Scrolls the key list from top to bottom and returns the time of every frame on the way. */
export async function scrollAndMeasure(
  page: Page,
  stepPx: number,
): Promise<{ frames: number[]; reachedEnd: boolean }> {
  return (await page.evaluate(SCROLL_SCRIPT(stepPx))) as { frames: number[]; reachedEnd: boolean };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
