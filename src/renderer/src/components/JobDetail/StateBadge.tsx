import type { JobState } from '../../../../shared/contract';

export function StateBadge({ state }: { state: JobState | 'removed' }): React.JSX.Element {
  return (
    <span className={`state-badge s-${state}`} data-testid="state-badge">
      {state}
    </span>
  );
}
