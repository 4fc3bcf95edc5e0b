import type { ProcessInfo } from '../../../../shared/contract';
import { since } from '../../format/relative-time';

/** A process's state, and while it is crashed, how soon it is restarted. */
export function StateCell({
  p,
  now,
  testId,
}: {
  p: ProcessInfo;
  now: number;
  testId: string;
}): React.JSX.Element {
  return (
    <td>
      <span className={`proc-state p-${p.state}`} data-testid={testId}>
        {p.state}
      </span>
      {p.state === 'crashed' && p.restartAt ? (
        <span className="muted"> restart in {since(p.restartAt - now)}</span>
      ) : null}
    </td>
  );
}
