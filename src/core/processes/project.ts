import type { ProjectInfo } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { loadConfig, type LoadedConfig } from '../config/load';
import { DEFAULT_PREFIX } from '../config/schema';
import { TaskRegistry } from '../tasks/registry';

/** The project open in the app (its config and task module); none means built-in tasks only, prefix `bull`. */
export class ProjectState {
  private loaded: LoadedConfig | null = null;
  readonly registry = new TaskRegistry();

  get config(): LoadedConfig | null {
    return this.loaded;
  }

  prefix(): string {
    return this.loaded?.config.prefix ?? DEFAULT_PREFIX;
  }

  taskModule(): string | null {
    return this.loaded?.taskModule ?? null;
  }

  async open(path: string): Promise<ProjectInfo> {
    try {
      this.loaded = await loadConfig(path);
    } catch (err) {
      throw new ApiError('INVALID_INPUT', `configPath: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.registry.load(this.loaded.taskModule);
    return this.info();
  }

  async close(): Promise<ProjectInfo> {
    this.loaded = null;
    await this.registry.load(null);
    return this.info();
  }

  info(): ProjectInfo {
    const c = this.loaded?.config;
    return {
      configPath: this.loaded?.path ?? null,
      taskModule: this.taskModule(),
      prefix: this.prefix(),
      queues: c?.queues ?? [],
      schedules: c?.schedules.map((s) => s.id) ?? [],
    };
  }
}
