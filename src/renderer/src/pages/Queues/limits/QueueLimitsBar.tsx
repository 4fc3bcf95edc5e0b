import { useCallback, useEffect, useState } from 'react';
import type { QueueLimits } from '../../../../../shared/contract';
import { api, errorMessage } from '../../../api';
import { toast } from '../../../components/Toast/toast-store';
import { relativeTime } from '../../../format/relative-time';
import { useNow } from '../../../hooks/use-now';
import { onQueueCountsChange, useQueues } from '../../../stores/queues';
import { formToPatch, limitsToForm, type LimitsForm } from './limits-form';

const FIELDS: Array<{ key: keyof LimitsForm; label: string; placeholder: string }> = [
  { key: 'concurrency', label: 'Global concurrency', placeholder: 'no limit' },
  { key: 'rateMax', label: 'Rate: jobs', placeholder: '—' },
  { key: 'rateDurationMs', label: 'per ms', placeholder: '—' },
];

/** Whether the limiter holds jobs back now, and until when; once the moment passes it says nothing. */
function RateLimited({ until }: { until: number | null }): React.JSX.Element | null {
  const now = useNow();
  if (until === null || until <= now) return null;
  const at = new Date(until).toLocaleTimeString(undefined, { hour12: false });
  return (
    <span className="queue-tag warn" data-testid="queue-rate-limited">
      rate-limited until {at} ({relativeTime(until, now)})
    </span>
  );
}

/**
 * A BullMQ queue's queue-wide limits, which every worker honours whatever its own concurrency: shown and edited
 * in place, re-read when the queue's counts move (jobs starting are what the limiter counts).
 */
export function QueueLimitsBar({ queue }: { queue: string }): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  const [limits, setLimits] = useState<QueueLimits | null>(null);
  const [form, setForm] = useState<LimitsForm | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof LimitsForm, string>>>({});
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setLimits(await api.call('queues.settings', { queue, prefix }));
    } catch {
      setLimits(null);
    }
  }, [queue, prefix]);
  useEffect(() => {
    void load();
    return onQueueCountsChange(queue, () => void load());
  }, [queue, load]);
  const shown = form ?? (limits ? limitsToForm(limits) : null);
  if (!shown) return <div className="queue-limits" data-testid="queue-limits" />;
  const save = async (): Promise<void> => {
    const { patch, errors: found } = formToPatch(shown);
    setErrors(found);
    if (!patch) return;
    setBusy(true);
    try {
      setLimits(await api.call('queues.setSettings', { queue, prefix, ...patch }));
      setForm(null);
      toast('ok', `${queue}: limits saved`);
    } catch (err) {
      toast('error', `${queue}: limits not saved: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="queue-limits row"
      data-testid="queue-limits"
      noValidate
      onSubmit={(e) => (e.preventDefault(), void save())}
    >
      {FIELDS.map((f) => (
        <label key={f.key} className="limit-field">
          <span className="muted">{f.label}</span>
          <input
            value={shown[f.key]}
            placeholder={f.placeholder}
            inputMode="numeric"
            className={errors[f.key] ? 'invalid' : ''}
            onChange={(e) => setForm({ ...shown, [f.key]: e.target.value })}
            aria-label={f.label}
            data-testid={`limit-${f.key}`}
          />
          {errors[f.key] && (
            <span className="field-error" data-testid={`limit-error-${f.key}`}>
              {errors[f.key]}
            </span>
          )}
        </label>
      ))}
      {form && (
        <>
          <button type="submit" className="primary" disabled={busy} data-testid="limits-save">
            Save limits
          </button>
          <button type="button" onClick={() => (setForm(null), setErrors({}))}>
            Cancel
          </button>
        </>
      )}
      <RateLimited until={limits?.rateLimitedUntil ?? null} />
    </form>
  );
}
