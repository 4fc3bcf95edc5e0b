import type { Page } from '@playwright/test';

export interface FrameReport {
  /** The longest gap between two animation frames, ms. */
  longestFrame: number;
  /** The longest main-thread task the page reported (Long Tasks API), ms; 0 when none passed 50 ms. */
  longestTask: number;
  frames: number;
}

// Runs in the page (as text: the node typecheck has no DOM types). One rAF loop and one long-task observer
// per page; `take` reads and resets them, so each step of a test is measured on its own.
const INSTALL = `(() => {
  if (window.__qdFrames) return;
  const s = (window.__qdFrames = { longestFrame: 0, longestTask: 0, frames: 0, last: performance.now() });
  const tick = (t) => {
    s.longestFrame = Math.max(s.longestFrame, t - s.last);
    s.frames++;
    s.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.longestTask = Math.max(s.longestTask, e.duration);
  }).observe({ type: 'longtask' });
})()`;

const TAKE = `(() => {
  const s = window.__qdFrames;
  const r = { longestFrame: Math.round(s.longestFrame), longestTask: Math.round(s.longestTask), frames: s.frames };
  s.longestFrame = 0;
  s.longestTask = 0;
  s.frames = 0;
  s.last = performance.now();
  return r;
})()`;

export async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(INSTALL);
}

/** What the page's frames looked like since the last call (or since watching began). */
export async function takeFrames(page: Page): Promise<FrameReport> {
  return (await page.evaluate(TAKE)) as FrameReport;
}

/** Scrolls an element to a fraction of its height, then waits two frames for the rows to render. */
export async function scrollTo(page: Page, testId: string, fraction: number): Promise<void> {
  await page.evaluate(`(async () => {
    const el = document.querySelector('[data-testid="${testId}"]');
    el.scrollTop = (el.scrollHeight - el.clientHeight) * ${fraction};
    el.dispatchEvent(new Event('scroll'));
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
  })()`);
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The most CPU time one task of the page's main thread took, ms, from a Chromium trace: unlike wall time
 * it does not grow when a busy machine leaves the thread waiting for a core.
 */
export function longestTaskCpu(trace: Buffer): { cpu: number; wall: number } {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.add(`${e.pid}:${e.tid}`);
  let cpu = 0;
  let wall = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
    wall = Math.max(wall, (e.dur ?? 0) / 1000);
  }
  return { cpu: Math.round(cpu), wall: Math.round(wall) };
}
