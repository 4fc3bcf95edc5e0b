/**
 * QUEUEDESK_TRACE_STOP=1 prints each shutdown step with the time since the stop began, to find a slow one
 * (an app that outlives its SIGTERM on a loaded machine). Off by default: nothing is printed or kept.
 */
const enabled = process.env.QUEUEDESK_TRACE_STOP === '1';
let startedAt: number | null = null;

export function traceStop(step: string): void {
  if (!enabled) return;
  startedAt ??= Date.now();
  process.stderr.write(`queuedesk stop +${Date.now() - startedAt} ms [${process.pid}]: ${step}\n`);
}
