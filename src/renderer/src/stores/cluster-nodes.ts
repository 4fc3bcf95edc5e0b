import { create } from 'zustand';
import type { ClusterNodeInfo } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { useConnection } from './connection';

interface ClusterNodesStore {
  /** The nodes of the cluster in use; empty on any other connection. */
  nodes: ClusterNodeInfo[];
  /** The node picked for what runs on one node (server pages, keyless console commands). */
  node: string | null;
  /** The slow log and clients show every primary merged rather than `node`. */
  merged: boolean;
  error: string | null;
  load(): Promise<void>;
  pick(node: string): void;
  setMerged(merged: boolean): void;
}

export const useClusterNodes = create<ClusterNodesStore>((set, get) => ({
  nodes: [],
  node: null,
  merged: false,
  error: null,
  async load() {
    if (useConnection.getState().status?.mode !== 'cluster') {
      set({ nodes: [], node: null, merged: false, error: null });
      return;
    }
    try {
      const { nodes } = await api.call('connection.nodes', {});
      const kept = nodes.some((n) => n.address === get().node) ? get().node : null;
      // A node of its own to start with, so every page shows something: the first primary.
      const node = kept ?? nodes.find((n) => n.role === 'primary')?.address ?? null;
      set({ nodes, node, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  pick: (node) => set({ node, merged: false }),
  setMerged: (merged) => set({ merged }),
}));

/** The `node` field for a call that runs on one node: the picked one on a cluster, left out elsewhere. */
export function pickedNode(): { node?: string } {
  const { node } = useClusterNodes.getState();
  return node ? { node } : {};
}

/** As pickedNode, for the pages that can also merge every primary (slow log, clients). */
export function pickedOrPrimaries(): { node?: string } {
  const { node, merged } = useClusterNodes.getState();
  if (!node) return {};
  return { node: merged ? 'primaries' : node };
}

/** Reloads the node list whenever the connection changes (another cluster, or none). */
export function startClusterNodesSync(): () => void {
  let last = '';
  return useConnection.subscribe((s) => {
    const key = s.status ? `${s.status.state}|${s.status.mode}|${s.status.url}` : '';
    if (key === last) return;
    last = key;
    void useClusterNodes.getState().load();
  });
}

/**
 * For a page that reads one node: whether it can load (not on a cluster, or a node is picked) and a key that
 * changes with the choice, to load again by.
 */
export function useNodeChoice(): { ready: boolean; key: string } {
  const cluster = useConnection((s) => s.status?.mode === 'cluster');
  const node = useClusterNodes((s) => s.node);
  const merged = useClusterNodes((s) => s.merged);
  return { ready: !cluster || node !== null, key: cluster ? `${node ?? ''}|${merged}` : '' };
}
