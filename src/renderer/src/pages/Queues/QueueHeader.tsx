import { useState } from 'react';
import type { EngineAction, QueueSummary } from '../../../../shared/contract';
import { api } from '../../api';
import { sumKnown } from '../../components/Counts/count-text';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';
import { StartWorkerButton } from '../../components/StartWorkerButton/StartWorkerButton';
import { engineCan, useQueues } from '../../stores/queues';
import { CleanForm } from './CleanForm';
import { useQueueAction } from './queue-action';

const plural = (n: number, what: string): string => `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;

/** The queue's name and state, with the queue-wide actions; destructive ones ask first and say how many. */
export function QueueHeader({ q }: { q: QueueSummary }): React.JSX.Element {
  const { busy, run } = useQueueAction();
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [cleaning, setCleaning] = useState(false);
  const ref = { queue: q.name, prefix: useQueues.getState().prefix, engine: q.engine };
  const waiting = sumKnown(q.counts.waiting, q.counts.prioritized, q.counts.paused);
  const delayed = q.counts.delayed ?? 0;
  const active = q.counts.active ?? 0;
  const total = sumKnown(...Object.values(q.counts));
  const can = (action: EngineAction): boolean => engineCan(q.engine, action);
  return (
    <header className="queue-header">
      <div className="queue-title">
        <h1 data-testid="queue-title">{q.name}</h1>
        {q.paused && (
          <span className="queue-tag warn" data-testid="queue-paused">
            paused
          </span>
        )}
        <span className="muted">{q.workers === null ? '' : `${plural(q.workers, 'worker')} connected`}</span>
        {/* QueueDesk's own workers run BullMQ jobs only. */}
        {q.workers === 0 && q.engine === 'bullmq' && (
          <StartWorkerButton queue={q.name} label="Start a worker" />
        )}
      </div>
      <div className="row queue-actions">
        {can('pause') && (
        <button
          disabled={busy}
          data-testid="queue-pause"
          onClick={() =>
            void run(
              async () => {
                await api.call(q.paused ? 'queues.resume' : 'queues.pause', ref);
                return q.paused ? `${q.name} resumed` : `${q.name} paused: workers take no new jobs`;
              },
              q.paused ? 'Resume' : 'Pause',
            )
          }
        >
          {q.paused ? 'Resume' : 'Pause'}
        </button>
        )}
        {can('clean') && (
        <button
          disabled={busy || q.counts.failed === 0}
          data-testid="queue-retry-all"
          onClick={() =>
            void run(async () => {
              const { retried } = await api.call('jobs.retryAll', { ...ref, state: 'failed' });
              return `Retrying ${plural(retried, 'failed job')}`;
            }, 'Retry all')
          }
        >
          Retry all failed
        </button>
        )}
        {can('promote') && (
        <button
          disabled={busy || q.counts.delayed === 0}
          data-testid="queue-promote-all"
          onClick={() =>
            void run(async () => {
              const { promoted } = await api.call('jobs.promoteAll', ref);
              return `Promoted ${plural(promoted, 'delayed job')}`;
            }, 'Promote all')
          }
        >
          Promote all delayed
        </button>
        )}
        {can('clean') && (
        <button disabled={busy} onClick={() => setCleaning(!cleaning)} data-testid="queue-clean">
          Clean…
        </button>
        )}
        <button
          disabled={busy || waiting + delayed === 0}
          data-testid="queue-drain"
          onClick={() =>
            setConfirm({
              title: `Drain ${q.name}`,
              message: `Remove ${plural(waiting, 'waiting job')} and ${plural(delayed, 'delayed job')}? Active and finished jobs stay.`,
              confirmLabel: 'Drain',
              danger: true,
              onConfirm: () =>
                void run(async () => {
                  await api.call('queues.drain', { ...ref, delayed: true });
                  return `${q.name} drained`;
                }, 'Drain'),
            })
          }
        >
          Drain
        </button>
        <button
          className="danger"
          disabled={busy}
          data-testid="queue-obliterate"
          onClick={() =>
            setConfirm({
              title: `Obliterate ${q.name}`,
              message: `Delete the queue and all ${plural(total, 'job')} in it${q.counts.active ? `, including ${q.counts.active} running now` : ''}. This cannot be undone.`,
              confirmLabel: 'Obliterate',
              typeToConfirm: q.name,
              danger: true,
              onConfirm: () =>
                void run(async () => {
                  const { removedJobs } = await api.call('queues.obliterate', {
                    ...ref,
                    force: active > 0,
                    // The count the user was shown: if jobs came or went since, the server refuses.
                    confirm: total,
                  });
                  return `${q.name} obliterated (${plural(removedJobs, 'job')})`;
                }, 'Obliterate'),
            })
          }
        >
          Obliterate…
        </button>
      </div>
      {cleaning && <CleanForm queue={q.name} run={run} onDone={() => setCleaning(false)} />}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </header>
  );
}
