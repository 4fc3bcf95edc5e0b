import { join } from 'node:path';
import type { MethodName } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import type { CoreContext, HandlerMap } from '../../context';
import { clusterSlots } from './cluster-slots';
import { ConsoleHistory } from './history';
import { splitLines } from './parse-line';
import { ConsoleService } from './service';

type ConsoleMethod = Extract<MethodName, `console.${string}`>;

export function consoleHandlers(ctx: CoreContext): HandlerMap<ConsoleMethod> {
  const service = new ConsoleService(
    {
      // One server: the console's own socket to it (behind Sentinel, the primary now); a cluster: the node.
      options: (node) =>
        ctx.connection.cluster()
          ? ctx.connection.nodeOptions(node, 'a command without keys')
          : ctx.connection.directOptions(),
      slots: () => clusterSlots(ctx.connection.cluster()),
    },
    (e) => ctx.emit('console.stream', e),
  );
  const history = new ConsoleHistory(join(ctx.dataDir, 'console-history.json'));
  ctx.connection.on('changed', (s) => s.state !== 'connected' && service.reset());
  ctx.onClose(() => service.reset());
  return {
    'console.run': async ({ line, confirm, runId, node }) => {
      const lines = splitLines(line);
      if (lines.length === 0) throw new ApiError('INVALID_INPUT', 'no command to run');
      const results = await service.run(lines, confirm ?? false, runId, node);
      for (const l of lines) history.add(l);
      const last = results[results.length - 1]!;
      const ms = Math.round(results.reduce((sum, r) => sum + r.ms, 0) * 1000) / 1000;
      return { reply: last.reply, ms, results };
    },
    'console.cancel': ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'console.docs': async () => ({ commands: await service.commandDocs() }),
    'console.history': ({ query, limit }) => ({ entries: history.list(query, limit) }),
    'console.clearHistory': () => {
      history.clear();
      return { ok: true as const };
    },
  };
}
