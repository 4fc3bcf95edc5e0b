import type { RespReply } from '../../../shared/contract';
import { slotOf } from '../../keys/cluster/primaries';

/** What the console knows of a cluster: which node serves a slot. */
export interface SlotMap {
  /** "host:port" of the primary serving `slot` (as the cluster client last learnt it), or null if unknown. */
  nodeOf(slot: number): string | null;
}

const GETKEYS = [Buffer.from('COMMAND'), Buffer.from('GETKEYS')];

/**
 * The node a command goes to on a cluster, as `redis-cli -c` would send it: a command with keys to the node of
 * its first key's slot (keys of other slots get Redis' own CROSSSLOT there), a command without keys to the
 * node picked (undefined when none was: the caller says which there are). The keys come from the server
 * itself (COMMAND GETKEYS), so every command it knows is routed as it reads its arguments.
 */
export async function routeCommand(
  args: Buffer[],
  picked: string | undefined,
  slots: SlotMap,
  ask: (args: Buffer[]) => Promise<RespReply>,
): Promise<string | undefined> {
  // A lone name has no keys (GETKEYS would only answer with an arity error).
  if (args.length < 2) return picked;
  const reply = await ask([...GETKEYS, ...args]);
  if (reply.type !== 'array' || reply.value.length === 0) return picked;
  const first = reply.value[0]!;
  if (first.type !== 'string') return picked;
  const key = first.valueEncoding ? Buffer.from(first.value, 'base64') : Buffer.from(first.value);
  return slots.nodeOf(slotOf(key)) ?? picked;
}

/** The node a MOVED or ASK error sends a command to, and whether it needs ASKING first. */
export function redirection(reply: RespReply): { node: string; asking: boolean } | null {
  if (reply.type !== 'error') return null;
  const m = /^(MOVED|ASK) \d+ (\S+)$/.exec(reply.value);
  return m ? { node: m[2]!, asking: m[1] === 'ASK' } : null;
}
