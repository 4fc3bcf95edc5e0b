import type { TaskInfo, TaskList } from '../../shared/contract';
import { BUILTIN_TASKS } from './builtin';
import type { TaskDefinition } from './types';
import { loadTaskModule } from './user-module';

/** Built-in tasks plus the project's module; the module's handlers win over a built-in of the same name. */
export class TaskRegistry {
  private moduleTasks = new Map<string, TaskDefinition>();
  private moduleError: string | undefined;

  constructor(private modulePath: string | null = null) {}

  get module(): string | null {
    return this.modulePath;
  }

  /**
   * (Re)loads the module. On failure the previous handlers stay in use (a typo mid-edit must not stop a
   * worker) and the error is kept for `list()` and returned.
   */
  async load(modulePath: string | null = this.modulePath): Promise<string | undefined> {
    if (modulePath !== this.modulePath) this.moduleTasks.clear();
    this.modulePath = modulePath;
    if (!modulePath) {
      this.moduleError = undefined;
      return undefined;
    }
    try {
      const defs = await loadTaskModule(modulePath);
      this.moduleTasks = new Map(defs.map((d) => [d.name, d]));
      this.moduleError = undefined;
    } catch (err) {
      this.moduleError = err instanceof Error ? err.message : String(err);
    }
    return this.moduleError;
  }

  get(name: string): TaskDefinition | undefined {
    return this.moduleTasks.get(name) ?? BUILTIN_TASKS.find((t) => t.name === name);
  }

  list(): TaskList {
    const byName = new Map<string, TaskInfo>();
    for (const t of [...BUILTIN_TASKS, ...this.moduleTasks.values()]) byName.set(t.name, toInfo(t));
    const tasks = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
    const out: TaskList = { tasks, module: this.modulePath };
    if (this.moduleError) out.moduleError = this.moduleError;
    return out;
  }
}

function toInfo(t: TaskDefinition): TaskInfo {
  const info: TaskInfo = { name: t.name, source: t.source };
  if (t.description) info.description = t.description;
  if (t.argsSchema !== undefined) info.argsSchema = t.argsSchema;
  if (t.example !== undefined) info.example = t.example;
  return info;
}
