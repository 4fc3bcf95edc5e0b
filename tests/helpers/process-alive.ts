/** Whether a pid still runs (signal 0 checks without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  stepMs = 25,
  /** What to show when it times out, e.g. a child's output. */
  context?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${context ? `: ${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
