import type { ProcessInfo, ProcessLogLine } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import type { CommandSpec } from './command-spec';
import { ManagedCommand } from './managed-command';

export interface CommandSetOptions {
  restartDelay(crashesInARow: number): number;
  changed(): void;
  log(line: ProcessLogLine): void;
}

export interface CommandDefinition {
  id: string;
  spec(): CommandSpec;
  autostart: boolean;
}

/** The project's own commands: replaced as a whole when another config is opened, each one kept by id. */
export class CommandSet {
  private readonly byId = new Map<string, { command: ManagedCommand; def: CommandDefinition }>();

  constructor(private readonly options: CommandSetOptions) {}

  list(): ProcessInfo[] {
    return [...this.byId.values()].map((c) => structuredClone(c.command.info));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): ManagedCommand {
    const c = this.byId.get(id);
    if (!c) throw new ApiError('NOT_FOUND', `no command "${id}" in the project config`);
    return c.command;
  }

  /**
   * Makes the set match a config: commands it no longer names are stopped and dropped; those it keeps go on
   * running (their next start uses the new definition); new ones are added, started if `autostart`.
   */
  async replace(defs: CommandDefinition[]): Promise<void> {
    const keep = new Set(defs.map((d) => d.id));
    const gone = [...this.byId.entries()].filter(([id]) => !keep.has(id));
    for (const [id] of gone) this.byId.delete(id);
    for (const def of defs) {
      const existing = this.byId.get(def.id);
      if (existing) existing.def = def;
      else this.add(def);
    }
    this.options.changed();
    await Promise.all(gone.map(([, c]) => c.command.stop()));
  }

  /** `limitMs`: the app is closing and cannot wait for a longer grace. */
  async stopAll(limitMs?: number): Promise<void> {
    await Promise.all([...this.byId.values()].map((c) => c.command.stop(limitMs)));
  }

  private add(def: CommandDefinition): void {
    const entry = { def, command: null as unknown as ManagedCommand };
    entry.command = new ManagedCommand(def.id, {
      spec: () => entry.def.spec(),
      restartDelay: this.options.restartDelay,
      changed: this.options.changed,
      log: this.options.log,
    });
    this.byId.set(def.id, entry);
    if (def.autostart) entry.command.start();
  }
}
