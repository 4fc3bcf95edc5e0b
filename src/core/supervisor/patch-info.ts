import type { ProcessInfo } from '../../shared/contract';

/** Applies a patch to a process's info; `undefined` fields are removed (so they are absent on the wire). */
export function patchInfo(info: ProcessInfo, patch: Partial<ProcessInfo>): void {
  Object.assign(info, patch);
  for (const k of Object.keys(patch) as Array<keyof ProcessInfo>) {
    if (patch[k] === undefined) delete info[k];
  }
}
