import { readFileSync } from 'node:fs';

const LAUNCHER_CHECK_MS = 500;

/**
 * Calls `stop` on SIGINT, SIGTERM or SIGHUP, and when the app was started by npm (`npx queuedesk`, an npm script)
 * and that launcher is gone. npm runs the bin through `sh -c`: a SIGTERM to npm (a process manager's stop,
 * `kill`) ends npm and the shell but never reaches the app, which would otherwise run on as an orphan with its
 * Redis and workers.
 */
export function onStopRequest(stop: (reason: string) => void): void {
  let asked = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      asked = true;
      stop(signal); // a second one means "now" to the caller
    });
  }
  // A signal to the whole group ends npm too: its exit then is no second request.
  watchLauncher(() => asked || stop('the npm that started QueueDesk exited'));
}

/** Under npm only: a plain `nohup queuedesk serve &` is meant to outlive its shell. */
export function watchLauncher(onGone: () => void, everyMs = LAUNCHER_CHECK_MS): void {
  if (process.env.npm_lifecycle_event === undefined) return;
  const first = process.ppid; // Node reads it once, at start
  const timer = setInterval(() => {
    if (!launcherGone(first)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
}

function launcherGone(first: number): boolean {
  // Linux: an orphan is adopted at once, even while its dead parent is a zombie no one reaps (some containers).
  const now = currentParent();
  if (now !== null) return now !== first;
  try {
    process.kill(first, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function currentParent(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}
