import type { CoreContext } from '../context';
import { watchTaskModule } from '../worker/module-watcher';
import type { ProjectState } from './project';

/**
 * Keeps the app's own view of the task module (`tasks.list`, the editor's autocomplete) fresh: when the file
 * changes the registry reloads and `tasks.changed` is pushed. Workers watch the module themselves.
 */
export function followTaskModule(ctx: CoreContext, project: ProjectState): () => void {
  let watching: string | null = null;
  let stop: () => void = () => undefined;
  ctx.onClose(() => stop());
  // Call after the project changed: follows the new module (or none).
  return () => {
    const path = project.taskModule();
    if (path === watching) return;
    stop();
    watching = path;
    stop = path
      ? watchTaskModule(path, () => {
          void project.registry.load().then(() => ctx.emit('tasks.changed', project.registry.list()));
        })
      : () => undefined;
  };
}
