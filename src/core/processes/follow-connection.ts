import type { ProcessInfo } from '../../shared/contract';
import type { CoreContext } from '../context';
import type { Supervisor } from '../supervisor/supervisor';

/**
 * Workers and beat belong to the Redis they were started on. When the app switches to another server (or
 * disconnects), they are stopped, not moved: jobs of one server must not silently start running against another
 * (staging's queues picked up by a laptop's task module). The user is told which ones stopped, to start them
 * again where they mean to.
 */
export function stopProcessesOnSwitch(ctx: CoreContext, supervisor: Supervisor): void {
  let url = ctx.connection.status().url;
  ctx.connection.on('changed', (status) => {
    const switched = status.state === 'connected' && status.url !== url;
    if (!switched && status.state !== 'disconnected') return;
    const before = url;
    url = status.state === 'connected' ? status.url : null;
    // The project's own commands use their own broker settings, not the app's connection: they go on.
    const running = supervisor.list().filter((p) => p.state !== 'stopped' && p.kind !== 'command');
    if (!running.length || before === null) return;
    const where = status.state === 'connected' ? `switched to ${status.url}` : 'disconnected';
    ctx.emit('processes.notice', {
      level: 'warn',
      text: `Connection ${where}: stopped ${running.map(describe).join(', ')}, which ran against ${before}. Start them again on the Processes page.`,
    });
    void Promise.all(running.map((p) => supervisor.stop(p.id).catch(() => undefined)));
  });
}

function describe(p: ProcessInfo): string {
  return p.kind === 'beat' ? 'beat' : `${p.id} (${p.queues.join(', ')})`;
}
