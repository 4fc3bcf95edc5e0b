import type { Schedule } from '../../shared/contract';
import type { CoreContext, HandlerMap } from '../context';
import type { ProjectState } from '../processes/project';
import { BEAT_ID, type Supervisor } from '../supervisor/supervisor';
import { beatKeys } from './keys';
import { readLeadership } from './members';
import { listenForBeatChanges } from './notify';
import { ScheduleStore } from './store';
import { previewFires } from './trigger';
import { checkClusterPrefix } from '../queues/cluster-prefix';

type BeatMethods =
  | 'beat.start'
  | 'beat.stop'
  | 'beat.list'
  | 'beat.add'
  | 'beat.update'
  | 'beat.remove'
  | 'beat.restore'
  | 'beat.enable'
  | 'beat.preview'
  | 'beat.leader';

export function beatHandlers(ctx: CoreContext, supervisor: Supervisor, project: ProjectState) {
  // On a cluster client() is the Cluster client: the store picks the cluster's key names by it.
  const store = (): ScheduleStore => new ScheduleStore(ctx.connection.client());
  let pending: NodeJS.Timeout | null = null;
  /** A change could not be read (the connection was away, as during a failover): read it once it is back. */
  let stale = false;
  // Tell the UI the schedules changed, at most every 200 ms (a beat firing many schedules at once is one event).
  const changed = (): void => {
    pending ??= setTimeout(() => {
      pending = null;
      // A timer's throw would take the whole host down: the read and its failure stay in the promise.
      Promise.resolve()
        .then(() => store().list())
        .then((list) => {
          stale = false;
          ctx.emit('beat.changed', list);
        })
        .catch(() => {
          stale = true;
        });
    }, 200);
  };
  ctx.connection.on('changed', (status) => stale && status.state === 'connected' && changed());
  ctx.onClose(() => {
    if (pending) clearTimeout(pending);
  });
  supervisor.on('message', (_id, m) => m.type === 'schedules-changed' && changed());
  listenForBeatChanges(ctx, changed);
  // Edits are announced on Redis too, so other app instances on the same Redis refresh their lists.
  const announce = (): void => {
    changed();
    ctx.connection
      .client()
      .publish(beatKeys.changed, 'edited')
      .catch(() => undefined);
  };
  const after = <T extends Schedule | { removed: boolean }>(value: T): T => {
    announce();
    return value;
  };

  /** Puts the open project's schedules into Redis (skipped while disconnected; done again on the next open). */
  const upsertConfigSchedules = async (): Promise<void> => {
    const schedules = project.config?.config.schedules ?? [];
    if (!schedules.length || ctx.connection.status().state !== 'connected') return;
    if (await store().upsert(schedules)) announce();
  };

  const handlers: HandlerMap<BeatMethods> = {
    'beat.start': async () => {
      checkClusterPrefix(ctx.connection.sharedOptions(), project.prefix());
      await upsertConfigSchedules();
      return supervisor.ready(supervisor.startBeat().id);
    },
    'beat.stop': async () => {
      await supervisor.stop(BEAT_ID);
      return supervisor.info(BEAT_ID);
    },
    'beat.list': () => store().list(),
    'beat.add': async (input) => after(await store().add(input, 'api')),
    'beat.update': async ({ id, ...patch }) => after(await store().update(id, patch)),
    'beat.remove': async ({ id }) => {
      const schedule = await store().remove(id);
      return after(schedule ? { removed: true, schedule } : { removed: false });
    },
    'beat.restore': async ({ id }) => after(await store().restore(id)),
    'beat.enable': async ({ id, enabled }) => after(await store().update(id, { enabled })),
    'beat.leader': () => readLeadership(ctx.connection.client()),
    'beat.preview': ({ trigger, count, from }) => ({
      times: previewFires(trigger, count ?? 5, from ?? Date.now()),
    }),
  };

  return { handlers, upsertConfigSchedules };
}
