import type { Schedule } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { useBeat } from '../../stores/beat';
import { LastResult } from './LastResult';
import { triggerText } from './schedule-form';
import { relativeTime } from '../../format/relative-time';

function when(ts: number | null, now: number, kind: 'past' | 'next'): string {
  if (!ts) return '—';
  return `${new Date(ts).toLocaleTimeString(undefined, { hour12: false })} (${relativeTime(ts, now, kind)})`;
}

/** Removing is one click because it can be undone: the schedule waits in the trash for `beat.restore`. */
function removeWithUndo(id: string): void {
  api.call('beat.remove', { id }).then(
    () =>
      toast('ok', `Schedule ${id} removed`, {
        label: 'Undo',
        run: () =>
          void api.call('beat.restore', { id }).then(
            () => toast('ok', `Schedule ${id} restored`),
            (err) => toast('error', errorMessage(err)),
          ),
      }),
    (err) => toast('error', errorMessage(err)),
  );
}

export function ScheduleRow({
  s,
  now,
  onEdit,
}: {
  s: Schedule;
  now: number;
  onEdit(): void;
}): React.JSX.Element {
  const toggle = (enabled: boolean): void => {
    const verb = enabled ? 'enable' : 'disable';
    useBeat
      .getState()
      .setEnabled(s.id, enabled)
      .then(
        () => toast('ok', `${s.id} ${verb}d`),
        (err) => toast('error', `Could not ${verb} ${s.id}: ${errorMessage(err)}`),
      );
  };
  return (
    <tr data-testid="schedule-row" data-schedule-id={s.id} className={s.enabled ? '' : 'disabled'}>
      <td className="mono">{s.id}</td>
      <td>{s.task}</td>
      <td data-testid="schedule-row-queue">
        {s.queue}
        {s.engine !== 'bullmq' && (
          <span className="queue-tag schedule-engine" data-testid="schedule-engine-tag">
            {s.engine}
          </span>
        )}
      </td>
      <td>{triggerText(s.trigger)}</td>
      <td data-testid="schedule-next">{s.enabled ? when(s.nextRunAt, now, 'next') : 'disabled'}</td>
      <td data-testid="schedule-last">{when(s.lastRunAt, now, 'past')}</td>
      <td>
        <LastResult s={s} />
      </td>
      <td data-testid="schedule-runs">{s.runCount}</td>
      <td>
        <label className="check">
          <input
            type="checkbox"
            checked={s.enabled}
            onChange={(e) => toggle(e.target.checked)}
            aria-label={`Enable ${s.id}`}
            data-testid="schedule-enabled"
          />
        </label>
      </td>
      <td className="actions">
        <button onClick={onEdit}>Edit</button>
        <button className="danger" onClick={() => removeWithUndo(s.id)} data-testid="schedule-remove">
          Remove
        </button>
      </td>
    </tr>
  );
}
