import { join } from 'node:path';
import type { SnapshotList } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { requireConfirm } from '../../confirm';
import type { CoreContext, HandlerMap } from '../../context';
import type { EmbeddedRedis } from '../embedded';
import { bgsave } from './bgsave';
import { placeRdb } from './place-rdb';
import { SnapshotStore } from './store';

type SnapshotMethod = 'snapshots.list' | 'snapshots.save' | 'snapshots.restore' | 'snapshots.remove';

/** Why snapshots cannot be taken of the connection in use, or null when they can. */
function unavailable(ctx: CoreContext): string | null {
  const s = ctx.connection.status();
  if (s.mode !== 'embedded')
    return s.mode
      ? 'Snapshots copy the embedded Redis’ own data file; this app cannot read or replace the files of a Redis at a URL (export its keys instead).'
      : 'Not connected: snapshots are of the embedded Redis.';
  if (s.persist === false)
    return 'The scratch embedded Redis keeps no files: turn “keep data” on to take snapshots.';
  if (s.state !== 'connected') return `The embedded Redis is ${s.state}.`;
  return null;
}

/** Named snapshots of the embedded Redis: save (BGSAVE + copy), list, restore (confirmed), delete (confirmed). */
export function snapshotsHandlers(ctx: CoreContext): HandlerMap<SnapshotMethod> {
  const store = new SnapshotStore(join(ctx.dataDir, 'snapshots'));
  let busy: string | null = null;
  const server = (): EmbeddedRedis => {
    const why = unavailable(ctx);
    const s = ctx.connection.embeddedInUse();
    if (why || !s) throw new ApiError('UNSUPPORTED', why ?? 'the embedded Redis is not running');
    return s;
  };
  const exclusive = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (busy) throw new ApiError('CONFLICT', `a snapshot is being ${busy}: try again when it is done`);
    busy = what;
    try {
      return await fn();
    } finally {
      busy = null;
    }
  };
  const save = async (name: string, auto: boolean) => {
    const keys = await server().keyCount();
    const files = await bgsave(ctx.connection.client());
    return { files, snapshot: await store.add(files.rdbPath, { name, keys, auto }) };
  };
  return {
    'snapshots.list': async (): Promise<SnapshotList> => {
      const reason = unavailable(ctx);
      return { available: reason === null, reason, snapshots: await store.list() };
    },
    'snapshots.save': ({ name }) => exclusive('saved', async () => (await save(name, false)).snapshot),
    'snapshots.restore': ({ id, confirm }) =>
      exclusive('restored', async () => {
        const snapshot = await store.get(id);
        const now = await server().keyCount();
        requireConfirm(`Restoring snapshot “${snapshot.name}”`, now, confirm, { verb: 'replace' });
        // Nothing is lost: what is there now becomes a snapshot of its own first.
        const { snapshot: before, files } = await save(`Before restoring “${snapshot.name}”`, true);
        await ctx.connection.restartEmbedded(() => placeRdb(store.rdbPath(id), files));
        return { restored: snapshot, before, keys: snapshot.keys };
      }),
    'snapshots.remove': ({ id, confirm }) =>
      exclusive('deleted', async () => {
        const snapshot = await store.get(id);
        requireConfirm(`Deleting snapshot “${snapshot.name}”`, snapshot.keys, confirm);
        await store.remove(id);
        return { removed: id };
      }),
  };
}
