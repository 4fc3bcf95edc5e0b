import { join } from 'node:path';
import type { processesMethods } from '../../shared/contract';
import { beatHandlers } from '../beat/handlers';
import type { CoreContext, HandlerMap } from '../context';
import type { EngineTasks } from '../queues/handlers';
import { Supervisor } from '../supervisor/supervisor';
import { commandsHandlers, projectCommands } from './commands-handlers';
import { forwardProcessEvents } from './events';
import { stopProcessesOnSwitch } from './follow-connection';
import { LogBuffer } from './log-buffer';
import { ProjectState } from './project';
import { followTaskModule } from './task-watch';
import { workersHandlers } from './workers-handlers';

const APP_CLOSE_STOP_MS = 5000;

type ProcessesMethod = keyof typeof processesMethods;

/** tasks.*, project.*, processes.*, workers.*, commands.* and beat.*: the supervised processes and what they run. */
export function processesHandlers(ctx: CoreContext, engineTasks?: EngineTasks): HandlerMap<ProcessesMethod> {
  const project = new ProjectState(ctx.fork, join(ctx.dataDir, 'project.json'));
  const follow = followTaskModule(ctx, project);
  const supervisor = new Supervisor({
    fork: ctx.fork,
    connection: () => ctx.connection.openOptions(),
    prefix: () => project.prefix(),
    taskModule: () => project.taskModule(),
  });
  const syncCommands = (): Promise<void> => supervisor.commands.replace(projectCommands(project));
  const restored = project.restore().then(() => (follow(), syncCommands()));
  const logs = new LogBuffer();
  forwardProcessEvents(ctx, supervisor, logs);
  // Bounded well within serve's 10 s forced exit; children given less end themselves first.
  ctx.onClose(() => supervisor.stopAll(APP_CLOSE_STOP_MS));
  stopProcessesOnSwitch(ctx, supervisor);
  const beat = beatHandlers(ctx, supervisor, project);
  // Running children were started with the previous project's prefix and module: they drain and start over.
  const settings = (): string => JSON.stringify([project.prefix(), project.taskModule()]);
  const restartIfChanged = (before: string): void => {
    if (settings() !== before) void supervisor.restartAll();
  };
  return {
    'tasks.list': async ({ engine, queue }) => {
      if (engine && engine !== 'bullmq' && engineTasks) return engineTasks(engine, queue);
      return (await restored, project.registry.list());
    },
    'project.get': async () => (await restored, project.info()),
    'project.open': async ({ configPath }) => {
      const before = settings();
      const info = await project.open(configPath);
      await beat.upsertConfigSchedules();
      await syncCommands();
      restartIfChanged(before);
      follow();
      return info;
    },
    'project.close': async () => {
      const before = settings();
      const info = await project.close();
      await syncCommands();
      restartIfChanged(before);
      follow();
      return info;
    },
    'processes.list': () => supervisor.list(),
    'processes.logs': ({ processId, limit }) => logs.recent(processId, limit),
    'processes.restart': ({ id }) => supervisor.restart(id),
    ...workersHandlers(ctx, supervisor, project, restored),
    ...commandsHandlers(supervisor, restored),
    ...beat.handlers,
  };
}
