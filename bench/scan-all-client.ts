import WebSocket from 'ws';
import type { ScanAllEvent } from '../src/shared/contract';

/** Rows that make the first screenful of the Keys list: the "first page" the benches time. */
export const FIRST_PAGE_ROWS = 500;

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

/** One call over serve's API socket, as an outside script makes it; rejects with the error it answers. */
export async function apiCall<T>(url: string, method: string, params: unknown): Promise<T> {
  const ws = await open(url);
  try {
    return await new Promise<T>((resolve, reject) => {
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { id?: number; ok?: boolean; data?: T; error?: unknown };
        if (frame.id !== 1) return;
        if (frame.ok) resolve(frame.data as T);
        else reject(new Error(`${method}: ${JSON.stringify(frame.error)}`));
      });
      ws.send(JSON.stringify({ id: 1, method, params }));
    });
  } finally {
    ws.close();
  }
}

/**
 * keys.scanAll through serve on a bare WebSocket, as an outside script would (or the UI, with the same params):
 * every row counted, timed to the first FIRST_PAGE_ROWS rows and to the done event after the last one.
 */
export async function scanAll(
  url: string,
  params: { share?: number; count?: number },
): Promise<{ keys: number; firstPageMs: number; ms: number }> {
  const ws = await open(url);
  const t0 = performance.now();
  let keys = 0;
  let firstPageMs = -1;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { event?: string; data?: ScanAllEvent };
      if (frame.event !== 'keys.scanBatch' || !frame.data) return;
      keys += frame.data.keys.length;
      if (firstPageMs < 0 && keys >= FIRST_PAGE_ROWS) firstPageMs = performance.now() - t0;
      if (frame.data.error) reject(new Error(frame.data.error));
      if (frame.data.done) resolve();
    });
  });
  ws.send(JSON.stringify({ id: 1, method: 'keys.scanAll', params }));
  await done;
  const ms = performance.now() - t0;
  ws.close();
  return { keys, firstPageMs, ms };
}
