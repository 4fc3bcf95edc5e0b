import type { Schedule } from '../../shared/contract';
import type { CoreContext, HandlerMap } from '../context';
import type { ProjectState } from '../processes/project';
import { BEAT_ID, type Supervisor } from '../supervisor/supervisor';
import { beatKeys } from './keys';
import { listenForBeatChanges } from './notify';
import { ScheduleStore } from './store';
import { previewFires } from './trigger';

type BeatMethods =
  | 'beat.start'
  | 'beat.stop'
  | 'beat.list'
  | 'beat.add'
  | 'beat.update'
  | 'beat.remove'
  | 'beat.restore'
  | 'beat.enable'
  | 'beat.preview';

export function beatHandlers(ctx: CoreContext, supervisor: Supervisor, project: ProjectState) {
  const store = (): ScheduleStore => new ScheduleStore(ctx.connection.singleServer('beat'));
  let pending: NodeJS.Timeout | null = null;
  // Tell the UI the schedules changed, at most every 200 ms (a beat firing many schedules at once is one event).
  const changed = (): void => {
    pending ??= setTimeout(() => {
      pending = null;
      store()
        .list()
        .then((list) => ctx.emit('beat.changed', list))
        .catch(() => undefined);
    }, 200);
  };
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
      ctx.connection.connectionOptions();
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
    'beat.preview': ({ trigger, count, from }) => ({
      times: previewFires(trigger, count ?? 5, from ?? Date.now()),
    }),
  };

  return { handlers, upsertConfigSchedules };
}
