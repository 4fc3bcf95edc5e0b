import { spawn, type ChildProcess } from 'node:child_process';

// Runs in a plain Node (or Electron as Node): when the app's end of stdin closes, the app is gone. It sends
// SIGTERM to the target (a pid, or a process group as -pgid) and, given a grace, SIGKILL once that has passed.
const WATCHDOG = `
const [pid, group, grace] = process.argv.slice(1);
const target = group === 'group' ? -Number(pid) : Number(pid);
const send = (sig) => { try { process.kill(target, sig); return true; } catch { return false; } };
process.stdin.on('close', () => {
  if (!send('SIGTERM') || !Number(grace)) process.exit(0);
  const started = Date.now();
  setInterval(() => {
    if (!send(0)) process.exit(0);
    if (Date.now() - started >= Number(grace)) { send('SIGKILL'); process.exit(0); }
  }, 100);
});
process.stdin.resume();`;

/**
 * A tiny detached process that holds a pipe from this one and ends `target` when the pipe closes, so even a
 * SIGKILLed app leaves nothing behind. `target` is a pid, or `-pgid` for a whole process group.
 */
export function startWatchdog(target: number | undefined, graceMs = 0): ChildProcess | null {
  if (!target) return null;
  const node = process.env.NODE ?? process.execPath;
  // A negative number would be read as an option of node's, so the group is said in a word.
  const args = [String(Math.abs(target)), target < 0 ? 'group' : 'pid', String(graceMs)];
  const dog = spawn(node, ['-e', WATCHDOG, ...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    detached: true,
  });
  dog.on('error', () => undefined);
  dog.unref();
  // The pipe must not keep the app's event loop alive either.
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return dog;
}
