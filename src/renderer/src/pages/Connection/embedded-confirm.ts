import type { EmbeddedState } from '../../../../shared/contract';
import type { ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';

const keys = (n: number): string => `${n.toLocaleString()} key${n === 1 ? '' : 's'}`;

/** Restart: a persistent server's keys come back from its file; a scratch server's are lost, so they are typed. */
export function restartRequest(s: EmbeddedState, persist: boolean, onConfirm: () => void): ConfirmRequest {
  const n = s.keys ?? 0;
  const kept = s.persist === true;
  const change =
    s.persist === persist ? '' : persist ? ' and turn persistence on' : ' as scratch (in memory)';
  return {
    title: `Restart embedded Redis${change}`,
    message: kept
      ? `It holds ${keys(n)}. They are kept in the append-only file and are there again after the restart.`
      : `It holds ${keys(n)} in memory only (scratch). Restarting deletes them; this cannot be undone.`,
    confirmLabel: kept || n === 0 ? 'Restart' : `Restart and lose ${keys(n)}`,
    typeToConfirm: !kept && n > 0 ? String(n) : undefined,
    danger: !kept && n > 0,
    onConfirm,
  };
}

export function resetRequest(s: EmbeddedState, onConfirm: () => void): ConfirmRequest {
  const n = s.keys ?? 0;
  return {
    title: 'Reset embedded Redis',
    message: `Deletes all ${keys(n)} of the embedded Redis${s.persist ? ', from its file too' : ''}: every queue, job, schedule and key. This cannot be undone.`,
    confirmLabel: `Delete ${keys(n)}`,
    typeToConfirm: String(n),
    danger: true,
    onConfirm,
  };
}
