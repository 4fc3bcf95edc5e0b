import { countText } from '../../components/Counts/count-text';
import type { ListableState, QueueCounts } from '../../../../shared/contract';

const TABS: Array<{ state: ListableState; label: string; count: keyof QueueCounts }> = [
  { state: 'waiting', label: 'Waiting', count: 'waiting' },
  { state: 'prioritized', label: 'Prioritized', count: 'prioritized' },
  { state: 'active', label: 'Active', count: 'active' },
  { state: 'delayed', label: 'Delayed', count: 'delayed' },
  { state: 'waiting-children', label: 'Waiting children', count: 'waitingChildren' },
  { state: 'completed', label: 'Completed', count: 'completed' },
  { state: 'failed', label: 'Failed', count: 'failed' },
  { state: 'paused', label: 'Paused', count: 'paused' },
];

/** One tab per job state with its live count; empty rare states are hidden unless selected. */
export function StateTabs({
  counts,
  state,
  onChange,
}: {
  counts: QueueCounts;
  state: ListableState;
  onChange(state: ListableState): void;
}): React.JSX.Element {
  const always = new Set<ListableState>(['waiting', 'active', 'delayed', 'completed', 'failed']);
  return (
    <div className="state-tabs" role="tablist">
      {TABS.filter((t) => counts[t.count] !== null && (always.has(t.state) || (counts[t.count] ?? 0) > 0 || t.state === state)).map((t) => (
        <button
          key={t.state}
          role="tab"
          aria-selected={t.state === state}
          className={`state-tab${t.state === state ? ' selected' : ''}`}
          onClick={() => onChange(t.state)}
          data-testid={`tab-${t.state}`}
        >
          {t.label}{' '}
          <span className="count" data-testid={`count-${t.state}`}>
            {countText(counts[t.count])}
          </span>
        </button>
      ))}
    </div>
  );
}
