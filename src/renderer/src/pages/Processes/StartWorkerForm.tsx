import { useState } from 'react';
import { QueueName } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { useQueues } from '../../stores/queues';
import { Field } from '../Compose/Field';

/** Queues as typed: names separated by commas or spaces; each one checked. */
export function parseQueues(text: string): { queues?: string[]; error?: string } {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  if (!names.length) return { error: 'give at least one queue' };
  for (const n of names) {
    const r = QueueName.safeParse(n);
    if (!r.success) return { error: `"${n}": ${r.error.issues[0]?.message ?? 'bad queue name'}` };
  }
  return { queues: names };
}

export function parseConcurrency(text: string): { value?: number; error?: string } {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 1000) return { error: 'a whole number from 1 to 1000' };
  return { value: n };
}

export function StartWorkerForm(): React.JSX.Element {
  const known = useQueues((s) => s.queues);
  const [queues, setQueues] = useState('');
  const [concurrency, setConcurrency] = useState('5');
  const [errors, setErrors] = useState<{ queues?: string; concurrency?: string }>({});
  const [busy, setBusy] = useState(false);
  const start = async (): Promise<void> => {
    const q = parseQueues(queues);
    const c = parseConcurrency(concurrency);
    setErrors({ queues: q.error, concurrency: c.error });
    if (!q.queues || c.value === undefined) return;
    setBusy(true);
    try {
      const w = await api.call('workers.start', { queues: q.queues, concurrency: c.value });
      toast('ok', `Started ${w.id} on ${w.queues.join(', ')}`);
    } catch (err) {
      toast('error', `Could not start a worker: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="start-worker" onSubmit={(e) => (e.preventDefault(), void start())} noValidate>
      <Field label="Queues" error={errors.queues} name="worker-queues" hint="comma-separated">
        <input
          value={queues}
          onChange={(e) => setQueues(e.target.value)}
          placeholder={known[0]?.name ?? 'default'}
          list="worker-queue-names"
          data-testid="worker-queues"
        />
        <datalist id="worker-queue-names">
          {known.map((q) => (
            <option key={q.name} value={q.name} />
          ))}
        </datalist>
      </Field>
      <Field label="Concurrency" error={errors.concurrency} name="worker-concurrency">
        <input
          value={concurrency}
          onChange={(e) => setConcurrency(e.target.value)}
          inputMode="numeric"
          className="narrow"
          data-testid="worker-concurrency"
        />
      </Field>
      <button type="submit" className="primary" disabled={busy} data-testid="worker-start">
        Start worker
      </button>
    </form>
  );
}
