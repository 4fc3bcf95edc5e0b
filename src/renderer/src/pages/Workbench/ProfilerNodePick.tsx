import { useEffect } from 'react';
import { useClusterNodes } from '../../stores/cluster-nodes';
import { useProfiler } from '../../stores/server-profiler';

/**
 * On a cluster: which node the profiler watches, every primary by default (its own choice, not the other server
 * pages' node: watching the whole cluster at once is what a profiler is mostly for).
 */
export function ProfilerNodePick({ disabled }: { disabled: boolean }): React.JSX.Element {
  const { node, setNode } = useProfiler();
  const { nodes, load } = useClusterNodes();
  useEffect(() => {
    if (nodes.length === 0) void load();
  }, [nodes.length, load]);
  return (
    <label>
      Node
      <select
        value={node}
        disabled={disabled}
        onChange={(e) => setNode(e.target.value)}
        data-testid="profiler-node"
      >
        <option value="">Every primary</option>
        {nodes.map((n) => (
          <option key={n.address} value={n.address}>
            {n.address} ({n.role})
          </option>
        ))}
      </select>
    </label>
  );
}
