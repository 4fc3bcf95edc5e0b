import { z } from 'zod';
import { ClusterTarget, SentinelTarget } from './connection-topology';

/** What a saved Sentinel or Cluster connection keeps: its target, as connection.connect takes it, minus `saved`. */
export const SavedTopologyTarget = z.discriminatedUnion('mode', [
  SentinelTarget.omit({ saved: true }),
  ClusterTarget.omit({ saved: true }),
]);
export type SavedTopologyTarget = z.infer<typeof SavedTopologyTarget>;

/** `connections.save` for a Sentinel or Cluster connection: its passwords are sealed, never stored in clear. */
export const SavedTopologyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    target: SavedTopologyTarget,
  })
  .strict();
export type SavedTopologyInput = z.infer<typeof SavedTopologyInput>;

/** A saved target as listed: every field but the passwords (hasPassword / hasSentinelPassword say if any). */
export type PublicTopologyTarget =
  | Omit<Extract<SavedTopologyTarget, { mode: 'sentinel' }>, 'password' | 'sentinelPassword'>
  | Omit<Extract<SavedTopologyTarget, { mode: 'cluster' }>, 'password'>;
