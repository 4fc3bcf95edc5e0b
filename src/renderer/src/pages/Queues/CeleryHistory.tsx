import { StateBadge } from '../../components/JobDetail/StateBadge';
import { clock } from '../../components/JobDetail/format';
import { taskLines, useCeleryHistory, useCeleryHistorySync } from '../../stores/celery-history';
import { jobHref } from '../../stores/queues-route';

/** Rows shown; the store keeps more events than this to know each task's latest state. */
const SHOWN = 100;

/**
 * The tasks a Celery queue's workers reported, newest first. Celery keeps task events in no list; QueueDesk
 * stores them in Redis, so they are still here after QueueDesk restarts (Flower keeps them in memory only).
 */
export function CeleryHistory({ queue }: { queue: string }): React.JSX.Element {
  useCeleryHistorySync(queue);
  const { events, stored, error } = useCeleryHistory();
  const lines = taskLines(events);
  return (
    <section className="card celery-history" data-testid="celery-history">
      <h3>Recent tasks</h3>
      <p className="muted" data-testid="celery-history-note">
        {lines.length === 0
          ? 'No task events yet. Workers send them when started with -E (or after celery control enable_events).'
          : `${lines.length} task${lines.length === 1 ? '' : 's'} from ${stored} stored and ${Math.max(0, events.length - stored)} live events (kept in Redis across restarts).`}
      </p>
      {error && <p className="error-text">{error}</p>}
      {lines.length > 0 && (
        <table>
          <tbody>
            {lines.slice(0, SHOWN).map((l) => (
              <tr key={l.id} data-testid="history-row" data-id={l.id} data-kind={l.kind}>
                <td className="mono muted">{clock(l.ts)}</td>
                <td>
                  <StateBadge state={l.kind === 'progress' || l.kind === 'stalled' ? 'active' : l.kind} />
                </td>
                <td>
                  <a href={jobHref(queue, l.id, 'celery')} className="mono">
                    {l.task ?? 'task'}#{l.id.slice(0, 8)}
                  </a>
                </td>
                <td className="mono muted history-detail" title={l.detail ?? undefined}>
                  {l.detail ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
