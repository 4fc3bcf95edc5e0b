import type { CopiesPlan } from './driver';

/**
 * Adds `count` copies `batchSize` at a time through `addBatch(first, size)` (copy numbers from 1), reporting
 * progress after each batch; returns the ids of the first and last copies.
 */
export async function addInBatches(
  { count, batchSize, onProgress }: CopiesPlan,
  addBatch: (first: number, size: number) => Promise<Array<{ id?: unknown }>>,
): Promise<{ firstId: string; lastId: string }> {
  let firstId = '';
  let lastId = '';
  for (let added = 0; added < count;) {
    const size = Math.min(batchSize, count - added);
    const jobs = await addBatch(added + 1, size);
    if (added === 0) firstId = String(jobs[0]?.id);
    lastId = String(jobs[jobs.length - 1]?.id);
    added += size;
    onProgress(added);
  }
  return { firstId, lastId };
}
