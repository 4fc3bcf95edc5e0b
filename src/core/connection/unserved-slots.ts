import type { Cluster } from 'ioredis';
import type { LostNode } from '../../shared/contract';
import { ApiError } from '../../shared/result';

/**
 * The status note of a cluster with lost primaries: which, and their slots (the others are served, unless the
 * cluster refuses everything meanwhile: cluster-require-full-coverage, Redis' default, once it fails the node).
 */
export function failoverNote(nodes: LostNode[]): string {
  const many = nodes.length > 1;
  const which = many ? `nodes ${nodes.map((n) => n.address).join(', ')}` : `node ${nodes[0]!.address}`;
  const slots = nodes.flatMap((n) => n.slots).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  const meanwhile = slots.length ? `; slots ${slots.join(', ')} are unavailable meanwhile` : '';
  return `failing over: ${which} lost; waiting for ${many ? 'their replicas' : 'its replica'} to take over${meanwhile}`;
}

/** The lost node that held `slot`, if nobody serves that slot now. */
export function ownerOfUnserved(nodes: LostNode[], slot: number): string | undefined {
  return nodes.find((n) => n.slots.some(([a, b]) => slot >= a && slot <= b))?.address;
}

/**
 * Makes a command for a slot whose primary is lost fail at once, saying so, rather than after ioredis' retries
 * (seconds of redirections to a dead node, ending in "Too many Cluster redirections"). Every other command goes
 * on as before. Returns the function that restores the client's own sendCommand.
 */
export function refuseUnservedSlots(cluster: Cluster, lost: () => LostNode[] | null): () => void {
  const own = cluster.sendCommand;
  const guarded: Cluster['sendCommand'] = function (this: Cluster, command, ...rest) {
    const nodes = lost();
    const slot = nodes ? command.getSlot() : null;
    const owner = nodes && slot !== null ? ownerOfUnserved(nodes, slot) : undefined;
    if (!owner) return own.call(this, command, ...rest);
    command.reject(
      new ApiError(
        'REDIS_ERROR',
        `slot ${slot} is unavailable: its primary ${owner} is lost and its replica has not taken over yet; try again in a moment`,
      ),
    );
    return command.promise;
  };
  cluster.sendCommand = guarded;
  return () => {
    if (cluster.sendCommand === guarded) cluster.sendCommand = own;
  };
}
