import type { ConnectionManager } from '../connection/manager';

/** How long a paused walk waits for Redis to come back before it ends with the error. */
const WAIT_MS = 60_000;

/**
 * After a command failed with a lost connection: true once the same connection is ready again, false if it is
 * disconnected, switched or still away after WAIT_MS. The failure can reach the caller before the manager has
 * seen the socket close, so while it still says connected, the loss is awaited first.
 */
export function reconnected(connection: ConnectionManager, waitMs = WAIT_MS): Promise<boolean> {
  return new Promise((resolve) => {
    let sawLoss = connection.status().state !== 'connected';
    const done = (back: boolean): void => {
      clearTimeout(timer);
      connection.off('changed', onChange);
      resolve(back);
    };
    const onChange = ({ state }: { state: string }): void => {
      if (state === 'connecting') sawLoss = true;
      else if (state === 'connected') {
        if (sawLoss) done(true);
      } else done(false);
    };
    const timer = setTimeout(() => done(false), waitMs);
    connection.on('changed', onChange);
  });
}
