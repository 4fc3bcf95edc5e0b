import type { Snapshot } from '../../../../shared/contract';
import type { ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';

const keys = (n: number): string => `${n.toLocaleString()} ${n === 1 ? 'key' : 'keys'}`;

/** Restoring replaces every key there now: the count must be typed when there are any. */
export function restoreRequest(s: Snapshot, current: number, onConfirm: () => void): ConfirmRequest {
  return {
    title: `Restore “${s.name}”?`,
    message:
      `The ${keys(current)} in the embedded Redis now are replaced by the snapshot’s ${keys(s.keys)}. ` +
      'They are saved first as an automatic “before restore” snapshot, so nothing is lost. The embedded Redis ' +
      'restarts; workers and beat running on it are stopped.',
    confirmLabel: `Replace ${keys(current)}`,
    typeToConfirm: current > 0 ? String(current) : undefined,
    danger: true,
    onConfirm,
  };
}

export function removeRequest(s: Snapshot, onConfirm: () => void): ConfirmRequest {
  return {
    title: `Delete snapshot “${s.name}”?`,
    message: `Its ${keys(s.keys)} (${new Date(s.createdAt).toLocaleString()}) cannot be restored afterwards.`,
    confirmLabel: 'Delete snapshot',
    danger: true,
    onConfirm,
  };
}
