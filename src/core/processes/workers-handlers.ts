import { ApiError } from '../../shared/result';
import type { CoreContext, HandlerMap } from '../context';
import type { Supervisor } from '../supervisor/supervisor';
import type { ProjectState } from './project';
import { checkClusterPrefix } from '../queues/cluster-prefix';

const DEFAULT_CONCURRENCY = 10;

type WorkerMethods = 'workers.list' | 'workers.start' | 'workers.stop' | 'workers.scale';

export function workersHandlers(
  ctx: CoreContext,
  supervisor: Supervisor,
  project: ProjectState,
  /** The project remembered from last time is being reopened: workers should start with its module. */
  restored: Promise<void>,
): HandlerMap<WorkerMethods> {
  const workerIds = (id: string): void => {
    if (supervisor.get(id).info.kind !== 'worker')
      throw new ApiError('INVALID_INPUT', `id: "${id}" is not a worker`);
  };
  return {
    'workers.list': () => supervisor.list().filter((p) => p.kind === 'worker'),
    'workers.start': async ({ queues, concurrency }) => {
      // NOT_CONNECTED, or a prefix a cluster cannot run, now rather than a crashing child.
      checkClusterPrefix(ctx.connection.sharedOptions(), (await restored, project.prefix()));
      const fromConfig = project.config?.config.queues.find((q) => q.name === queues[0])?.concurrency;
      const info = supervisor.startWorker(
        [...new Set(queues)],
        concurrency ?? fromConfig ?? DEFAULT_CONCURRENCY,
      );
      return supervisor.ready(info.id);
    },
    'workers.stop': ({ id }) => {
      workerIds(id);
      return supervisor.stop(id);
    },
    'workers.scale': ({ id, concurrency }) => supervisor.scale(id, concurrency),
  };
}
