import type { CoreContext, HandlerMap } from '../../context';
import { primaries } from '../../keys/cluster/primaries';
import { AnalyzeRunner } from './runner';

/** `keys.analyze` and `keys.analyzeStop`; spread into the keys handlers so the `keys.*` map stays complete. */
export function analyzeHandlers(ctx: CoreContext): HandlerMap<'keys.analyze' | 'keys.analyzeStop'> {
  const runner = new AnalyzeRunner(
    () => {
      const cluster = ctx.connection.cluster();
      if (!cluster) return [{ redis: ctx.connection.client() }];
      return primaries(cluster).map((p) => ({ node: p.name, redis: p.redis }));
    },
    (e) => ctx.emit('keys.analyzeProgress', e),
  );
  ctx.connection.on('changed', (s) => s.state !== 'connected' && runner.stop(undefined));
  ctx.onClose(() => void runner.stop(undefined));
  return {
    'keys.analyze': (opts) => runner.run(opts),
    'keys.analyzeStop': ({ analysisId }) => ({ stopped: runner.stop(analysisId) }),
  };
}
