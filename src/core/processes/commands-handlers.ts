import type { HandlerMap } from '../context';
import { commandSpec } from '../commands/command-spec';
import type { CommandDefinition } from '../commands/command-set';
import type { Supervisor } from '../supervisor/supervisor';
import type { ProjectState } from './project';

type CommandMethods = 'commands.list' | 'commands.start' | 'commands.stop' | 'commands.restart';

/** The commands the open project's config names, as the supervisor runs them. */
export function projectCommands(project: ProjectState): CommandDefinition[] {
  const loaded = project.config;
  if (!loaded) return [];
  return loaded.config.commands.map((entry) => ({
    id: entry.id,
    autostart: entry.autostart,
    spec: () => commandSpec(entry, loaded.path),
  }));
}

/** commands.*: start, stop and restart the developer's own processes (Celery worker, beat, a dev server). */
export function commandsHandlers(
  supervisor: Supervisor,
  restored: Promise<void>,
): HandlerMap<CommandMethods> {
  const { commands } = supervisor;
  return {
    'commands.list': async () => (await restored, commands.list()),
    'commands.start': async ({ id }) => {
      await restored;
      const command = commands.get(id);
      command.start();
      await command.whenSpawned();
      return supervisor.info(id);
    },
    // commands.get: NOT_FOUND for a worker's id too (processes.* serves those).
    'commands.stop': async ({ id }) => (await restored, commands.get(id), supervisor.stop(id)),
    'commands.restart': async ({ id }) => (await restored, commands.get(id), supervisor.restart(id)),
  };
}
