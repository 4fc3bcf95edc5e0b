import { ApiError } from '../shared/result';

export interface ConfirmWording {
  noun?: 'key' | 'job';
  /** What happens to the items: deleted by default; an import overwrites, a restore replaces. */
  verb?: 'delete' | 'overwrite' | 'replace';
}

/**
 * Guards a destructive call: when `count` items would be lost, the caller must pass `confirm` equal to that
 * count (the number the user saw and typed). Otherwise nothing happens and the error says what would be lost.
 */
export function requireConfirm(
  what: string,
  count: number,
  confirm: number | undefined,
  wording: ConfirmWording['noun'] | ConfirmWording = 'key',
): void {
  if (count === 0 || confirm === count) return;
  const { noun = 'key', verb = 'delete' } = typeof wording === 'string' ? { noun: wording } : wording;
  const given = confirm === undefined ? 'no confirm was given' : `confirm was ${confirm}`;
  throw new ApiError(
    'CONFIRMATION_REQUIRED',
    `${what} would ${verb} ${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'} but ${given}: ` +
      `pass confirm: ${count} to go ahead (nothing was changed)`,
  );
}
