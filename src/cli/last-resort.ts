/** Printed before every error the guard catches; tests of a serve process look for it to fail on a hidden bug. */
export const LAST_RESORT_MARK = 'queuedesk: uncaught error (serve keeps running):';

/**
 * serve is the parent of the embedded Redis and of every worker: one request that trips an unexpected throw
 * must not end them all. This logs the error with its stack and keeps the process up. Only the serve command
 * installs it; tests that run the host in-process keep Node's and Vitest's own strict handling.
 */
export function installLastResortGuard(log: (line: string) => void = (line) => console.error(line)): void {
  const report = (kind: string, err: unknown): void => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${LAST_RESORT_MARK} ${kind}: ${detail}`);
  };
  process.on('uncaughtException', (err) => report('exception', err));
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
}
