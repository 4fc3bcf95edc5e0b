import type { ProcessLogLine } from '../../shared/contract';
import type { CoreContext } from '../context';
import type { Supervisor } from '../supervisor/supervisor';
import { CappedBatcher } from '../capped-batcher';
import type { LogBuffer } from './log-buffer';

const BATCH_MS = 200;

/** Pushes supervisor activity to the UI: the process list at most every 200 ms, logs in batches. */
export function forwardProcessEvents(ctx: CoreContext, supervisor: Supervisor, buffer: LogBuffer): void {
  let pending: NodeJS.Timeout | null = null;
  supervisor.on('changed', () => {
    pending ??= setTimeout(() => {
      pending = null;
      ctx.emit('processes.changed', supervisor.list());
    }, BATCH_MS);
  });
  const logs = new CappedBatcher<ProcessLogLine>(
    (lines, dropped) => ctx.emit('processes.log', { lines, dropped }),
    BATCH_MS,
  );
  supervisor.on('log', (line) => {
    buffer.push(line);
    logs.push(line);
  });
  ctx.onClose(() => {
    if (pending) clearTimeout(pending);
    logs.flush();
  });
}
