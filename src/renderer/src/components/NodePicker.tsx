import { useEffect } from 'react';
import type { ClusterNodeInfo } from '../../../shared/contract';
import { useClusterNodes } from '../stores/cluster-nodes';
import { useConnection } from '../stores/connection';

/** "0-5460, 10923-12000": a primary's slot ranges, for the option's label. */
function slotText(n: ClusterNodeInfo): string {
  return n.slots.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');
}

function label(n: ClusterNodeInfo): string {
  if (n.role === 'replica') return `${n.address} · replica of ${n.replicaOf ?? '?'}`;
  return `${n.address} · primary · slots ${slotText(n) || 'none'}`;
}

/**
 * Which node of a Redis Cluster a page looks at (the store keeps the choice across pages): primaries and
 * replicas, failing ones marked; with `allowPrimaries` also every primary merged. Renders nothing on any
 * other connection.
 */
export function NodePicker({
  allowPrimaries = false,
  note,
}: {
  allowPrimaries?: boolean;
  /** What the choice applies to, shown beside it. */
  note?: string;
}): React.JSX.Element | null {
  const mode = useConnection((s) => s.status?.mode);
  const { nodes, node, merged, error, load, pick, setMerged } = useClusterNodes();
  useEffect(() => {
    if (mode === 'cluster' && nodes.length === 0) void load();
  }, [mode, nodes.length, load]);
  if (mode !== 'cluster') return null;
  const primaries = nodes.filter((n) => n.role === 'primary');
  const replicas = nodes.filter((n) => n.role === 'replica');
  const value = allowPrimaries && merged ? 'primaries' : (node ?? '');
  const option = (n: ClusterNodeInfo): React.JSX.Element => (
    <option key={n.address} value={n.address}>
      {label(n)}
      {n.failing ? ' · failing' : ''}
    </option>
  );
  return (
    <label className="row node-picker" data-testid="node-picker">
      Node
      <select
        value={value}
        onChange={(e) => (e.target.value === 'primaries' ? setMerged(true) : pick(e.target.value))}
        data-testid="node-picker-select"
      >
        {!node && <option value="">Pick a node…</option>}
        {allowPrimaries && <option value="primaries">All primaries (merged)</option>}
        <optgroup label="Primaries">{primaries.map(option)}</optgroup>
        {replicas.length > 0 && <optgroup label="Replicas">{replicas.map(option)}</optgroup>}
      </select>
      {note && <span className="muted">{note}</span>}
      {error && <span className="error-text">{error}</span>}
    </label>
  );
}
