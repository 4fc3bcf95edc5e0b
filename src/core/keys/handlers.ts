import type { MethodName } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import type { CoreContext, HandlerMap } from '../context';
import { analyzeHandlers } from '../workbench/analyze/handlers';
import { createKey } from './edits/create';
import { deleteKeys } from './edits/delete';
import { itemEdits } from './edits/item-edits';
import { renameKey } from './edits/rename';
import { setTtl } from './edits/ttl';
import { valueEdits } from './edits/value-edits';
import { saveToFile } from './export/save-to-file';
import { fixtureHandlers } from './fixtures/handlers';
import { getKey } from './get-key';
import { listRange } from './inside/list-range';
import { scanMembers } from './inside/scan-members';
import { streamRange } from './inside/stream-range';
import { zrangeByScore } from './inside/zrange-by-score';
import { memoryUsage } from './memory';
import { countPattern, deletePattern } from './pattern';
import { reconnected } from './reconnected';
import { ScanAllRunner } from './scan-all';
import { getRange, replaceRange } from './range';
import { ClusterScanAll } from './cluster/scan-all';
import { clusterScanPage } from './cluster/scan-page';
import { scanPage } from './scan-page';

/** Every `keys.*` method of the contract: a missing handler is a type error here. */
type KeysMethod = Extract<MethodName, `keys.${string}`>;

export function keysHandlers(ctx: CoreContext): HandlerMap<KeysMethod> {
  const redis = () => ctx.connection.client();
  const runner = new ScanAllRunner(
    redis,
    (e) => ctx.emit('keys.scanBatch', e),
    () => ctx.backlogBytes(),
    () => reconnected(ctx.connection),
  );
  const lost = (): string[] => ctx.connection.status().lostNodes?.map((n) => n.address) ?? [];
  const clusterRunner = new ClusterScanAll(
    (e) => ctx.emit('keys.scanBatch', e),
    () => ctx.backlogBytes(),
    lost,
  );
  // A lost connection ('connecting') pauses walks until it is back (checking it is the same server then);
  // a switch or a disconnect ends them.
  ctx.connection.on('changed', ({ state }) => {
    if (state === 'disconnected' || state === 'error') {
      runner.stopAll();
      clusterRunner.stopAll();
    } else if (state === 'connecting') runner.connectionLost();
  });
  ctx.onClose(() => {
    runner.stopAll();
    clusterRunner.stopAll();
  });
  const cluster = () => ctx.connection.cluster();
  const values = () => valueEdits(redis());
  const items = () => itemEdits(redis());
  return {
    ...analyzeHandlers(ctx),
    ...fixtureHandlers(ctx),
    'keys.scan': ({ cursor, ...opts }) => {
      const c = cluster();
      if (c) return clusterScanPage(c, cursor ?? '0', opts, lost());
      if (cursor?.includes(':'))
        throw new ApiError('INVALID_INPUT', 'a cluster cursor, but this is one server');
      return scanPage(redis(), cursor ?? '0', opts);
    },
    'keys.scanAll': ({ share, ...opts }) => {
      const c = cluster();
      return c ? clusterRunner.start(c, { ...opts, share }) : runner.start({ ...opts, share });
    },
    'keys.scanStop': ({ scanId }) => ({ stopped: runner.stop(scanId) || clusterRunner.stop(scanId) }),
    'keys.scanPace': ({ scanId, share }) => ({
      paced: runner.pace(scanId, share) || clusterRunner.pace(scanId, share),
    }),
    'keys.get': (p) => getKey(redis(), p),
    'keys.getRange': (p) => getRange(redis(), p),
    'keys.replaceRange': (p) => replaceRange(redis(), p),
    'keys.scanMembers': (p) => scanMembers(redis(), p),
    'keys.listRange': (p) => listRange(redis(), p),
    'keys.zrangeByScore': (p) => zrangeByScore(redis(), p),
    'keys.streamRange': (p) => streamRange(redis(), p),
    'keys.saveToFile': (p) => saveToFile(redis(), p, ctx.pickSavePath),
    'keys.memory': ({ keys }) => memoryUsage(redis(), keys),
    'keys.setTtl': (p) => setTtl(redis(), p),
    'keys.delete': ({ keys }) => deleteKeys(redis(), keys),
    'keys.countPattern': (opts) => countPattern(redis(), opts),
    'keys.deletePattern': (opts) => deletePattern(redis(), opts, (e) => ctx.emit('keys.deleteProgress', e)),
    'keys.create': (p) => createKey(redis(), p),
    'keys.rename': (p) => renameKey(redis(), p),
    'keys.setString': (p) => values().setString(p),
    'keys.hashSet': (p) => items().hashSet(p),
    'keys.hashDelete': (p) => values().hashDelete(p),
    'keys.listPush': (p) => values().listPush(p),
    'keys.listSet': (p) => items().listSet(p),
    'keys.listRemove': (p) => items().listRemove(p),
    'keys.setAdd': (p) => values().setAdd(p),
    'keys.setRemove': (p) => values().setRemove(p),
    'keys.zsetAdd': (p) => values().zsetAdd(p),
    'keys.zsetRemove': (p) => values().zsetRemove(p),
    'keys.streamAdd': (p) => values().streamAdd(p),
    'keys.streamDelete': (p) => values().streamDelete(p),
  };
}
