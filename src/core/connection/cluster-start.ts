import type { Cluster } from 'ioredis';
import { ApiError } from '../../shared/result';
import { clusterSeeds, type HostPort } from './cluster-seeds';
import { CONNECT_TIMEOUT_MS } from './connect-timeout';

/** How long commands sent to a new cluster client wait for its first connect: the command client's bound. */
export const FIRST_CONNECT_MS = CONNECT_TIMEOUT_MS + 500;

/**
 * Bounds a new cluster client's first connect. ioredis keeps a command sent before the cluster is ready in its
 * offline queue until some node answers, forever when none does (every seed down, the seed lost in a failover).
 * Here such commands wait outside ioredis, so a failed wait never runs later behind the caller's back: they are
 * sent once the client is ready, or rejected after `ms` saying which nodes were tried; later ones are refused at
 * once until the client (which keeps trying) is ready. From its first ready on, nothing is changed.
 */
export function boundFirstConnect(cluster: Cluster, nodes: HostPort[], ms = FIRST_CONNECT_MS): void {
  const send = cluster.sendCommand.bind(cluster) as (...args: unknown[]) => unknown;
  type Held = { command: Parameters<Cluster['sendCommand']>[0]; rest: unknown[] };
  let held: Held[] = [];
  let lastError: string | undefined;
  let failed: Error | null = null;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const noted = (err: Error): void => void (lastError = err.message);
  const finish = (): void => {
    done = true;
    clearTimeout(timer);
    cluster.sendCommand = send as Cluster['sendCommand'];
    cluster.off('error', noted).off('node error', noted).off('ready', release).off('end', ended);
  };
  const release = (): void => {
    const waiting = held;
    held = [];
    finish();
    for (const { command, rest } of waiting) send(command, ...rest);
  };
  const rejectHeld = (err: Error): void => {
    const waiting = held;
    held = [];
    for (const { command } of waiting) command.reject(err);
  };
  const ended = (): void => {
    rejectHeld(new Error('Connection is closed.'));
    finish();
  };
  const start = (): void => {
    timer ??= setTimeout(() => {
      const tried = nodes.map((n) => `${n.host}:${n.port}`).join(', ');
      const why = lastError ? `: ${lastError}` : '';
      failed = new ApiError(
        'NOT_CONNECTED',
        `no node of the Redis Cluster answered within ${ms / 1000} s (tried ${tried})${why}`,
      );
      rejectHeld(failed);
    }, ms);
    timer.unref();
  };
  cluster.on('error', noted).on('node error', noted).once('ready', release).once('end', ended);
  cluster.once('connecting', start);
  cluster.sendCommand = ((command, ...rest: unknown[]) => {
    // Ready before its 'ready' event: what waits goes first.
    if (!done && cluster.status === 'ready') release();
    // The ready check is a CLUSTER command ioredis sends itself before 'ready'.
    if (done || command.name === 'cluster') return send(command, ...rest);
    if (failed) {
      command.reject(failed);
      return command.promise;
    }
    held.push({ command, rest });
    if (cluster.status === 'wait') cluster.connect().catch(() => undefined);
    start();
    return command.promise;
  }) as Cluster['sendCommand'];
}

/**
 * Makes `duplicate()` (BullMQ's blocking connections, a worker's cancel channel) start from every node the
 * client knows now, live ones first, then its own start nodes: ioredis would start from the start nodes alone,
 * and wait forever when a failover took them. `prepare` readies the copy as the original was.
 */
export function duplicateFromLiveNodes(
  cluster: Cluster,
  nodes: HostPort[],
  prepare: (copy: Cluster, nodes: HostPort[]) => Cluster,
): void {
  const own = cluster.duplicate.bind(cluster);
  cluster.duplicate = ((override: HostPort[] = [], options?: Parameters<Cluster['duplicate']>[1]) => {
    const start = override.length ? override : clusterSeeds(nodes, cluster);
    return prepare(own(start, options), start);
  }) as Cluster['duplicate'];
}
