import { useState } from 'react';
import type { BulkAction, BulkResult, ListableState, Params } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';
import { toast } from '../../components/Toast/toast-store';
import { engineCan, engineRetries, queueRef } from '../../stores/queues';

/** Which bulk actions make sense for jobs in a state. */
function actionsFor(state: ListableState): BulkAction[] {
  if (state === 'failed' || state === 'completed') return ['retry', 'remove'];
  if (state === 'delayed') return ['promote', 'remove'];
  if (state === 'active') return [];
  return ['remove'];
}

const LABEL: Record<BulkAction, string> = { retry: 'Retry', remove: 'Remove', promote: 'Promote' };

function resultText(r: BulkResult): string {
  const verb = { retry: 'retried', remove: 'removed', promote: 'promoted' }[r.action];
  const failed = r.failedCount ? `; ${r.failedCount} could not be (${r.failed[0]?.reason ?? '?'})` : '';
  return `${r.done.toLocaleString()} of ${r.matched.toLocaleString()} jobs ${verb}${failed}`;
}

/**
 * Acts on the ticked jobs, or on every job of the state matching the search ("all N"), saying the count before
 * anything is removed.
 */
export function BulkBar({
  queue,
  state,
  search,
  checked,
  total,
  onDone,
}: {
  queue: string;
  state: ListableState;
  search: string;
  checked: ReadonlySet<string>;
  /** Jobs in the state (or matching the search). */
  total: number;
  onDone(): void;
}): React.JSX.Element | null {
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const ref = queueRef(queue);
  const actions = actionsFor(state).filter((a) =>
    a === 'retry' ? engineRetries(ref.engine, state) : engineCan(ref.engine, a),
  );
  if (checked.size === 0 || actions.length === 0) return null;
  const count = all ? total : checked.size;
  const target: Pick<Params<'jobs.bulk'>, 'ids' | 'match'> = all
    ? { match: { state, ...(search.trim() ? { search: search.trim() } : {}) } }
    : { ids: [...checked] };
  const run = async (action: BulkAction, confirmCount?: number): Promise<void> => {
    setBusy(true);
    try {
      const r = await api.call('jobs.bulk', {
        ...ref,
        action,
        ...target,
        ...(confirmCount !== undefined ? { confirm: confirmCount } : {}),
      });
      toast(r.failedCount ? 'error' : 'ok', resultText(r));
      setAll(false);
      onDone();
    } catch (err) {
      toast('error', `Bulk ${action} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const start = (action: BulkAction): void => {
    if (action !== 'remove') return void run(action);
    setConfirm({
      title: `Remove ${count.toLocaleString()} jobs?`,
      message: `${count.toLocaleString()} ${state} job${count === 1 ? '' : 's'} of ${queue}${
        all && search.trim() ? ` matching “${search.trim()}”` : ''
      } will be deleted. This cannot be undone.`,
      confirmLabel: `Remove ${count.toLocaleString()}`,
      danger: true,
      onConfirm: () => void run('remove', count),
    });
  };
  return (
    <div className="row bulk-bar" data-testid="bulk-bar">
      <span data-testid="bulk-count">
        {count.toLocaleString()} selected
        {all ? ` (every ${state} job${search.trim() ? ' matching' : ''})` : ''}
      </span>
      {!all && total > checked.size && (
        <button onClick={() => setAll(true)} data-testid="bulk-select-all">
          Select all {total.toLocaleString()}
        </button>
      )}
      <span className="grow" />
      {actions.map((a) => (
        <button
          key={a}
          className={a === 'remove' ? 'danger' : undefined}
          disabled={busy}
          onClick={() => start(a)}
          data-testid={`bulk-${a}`}
        >
          {LABEL[a]}
        </button>
      ))}
      <button onClick={() => (setAll(false), onDone())} disabled={busy} data-testid="bulk-clear">
        Clear
      </button>
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
