import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ProjectInfo } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { loadConfig, type LoadedConfig } from '../config/load';
import { DEFAULT_PREFIX } from '../config/schema';
import { commandSpec } from '../commands/command-spec';
import { TaskCatalog } from '../tasks/catalog';
import type { ForkFn } from '../supervisor/fork';

/** The project open in the app (its config and task module); none means built-in tasks only, prefix `bull`. */
export class ProjectState {
  private loaded: LoadedConfig | null = null;
  readonly registry: TaskCatalog;

  /** `rememberIn`: a JSON file keeping the open project across app restarts. */
  constructor(
    fork: ForkFn,
    private readonly rememberIn?: string,
  ) {
    this.registry = new TaskCatalog(fork);
  }

  /** Reopens the project open last time, if it still loads. */
  async restore(): Promise<void> {
    if (!this.rememberIn || !existsSync(this.rememberIn)) return;
    try {
      const { configPath } = JSON.parse(readFileSync(this.rememberIn, 'utf8')) as { configPath?: unknown };
      if (typeof configPath === 'string') await this.open(configPath);
    } catch {
      // moved or broken since: start with no project, as before it was opened
    }
  }

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
      const loaded = await loadConfig(path);
      // A command that cannot be split is the config's error, told now rather than at its first start.
      for (const entry of loaded.config.commands) commandSpec(entry, loaded.path);
      this.loaded = loaded;
    } catch (err) {
      throw new ApiError('INVALID_INPUT', `configPath: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.registry.load(this.loaded.taskModule);
    this.remember(this.loaded.path);
    return this.info();
  }

  async close(): Promise<ProjectInfo> {
    this.loaded = null;
    await this.registry.load(null);
    this.remember(null);
    return this.info();
  }

  private remember(configPath: string | null): void {
    if (!this.rememberIn) return;
    try {
      writeFileSync(this.rememberIn, JSON.stringify({ configPath }));
    } catch {
      // a read-only data folder only costs reopening the project by hand
    }
  }

  info(): ProjectInfo {
    const c = this.loaded?.config;
    return {
      configPath: this.loaded?.path ?? null,
      taskModule: this.taskModule(),
      prefix: this.prefix(),
      queues: c?.queues ?? [],
      schedules: c?.schedules.map((s) => s.id) ?? [],
      commands: c?.commands.map((cmd) => cmd.id) ?? [],
    };
  }
}
