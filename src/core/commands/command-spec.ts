import { delimiter, dirname, resolve } from 'node:path';
import type { CommandEntry } from '../config/schema';
import { splitCommand } from './argv';

/** What to spawn for a configured command, every path made absolute. */
export interface CommandSpec {
  id: string;
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** SIGTERM → SIGKILL grace, for a stop and for the watchdog. */
  graceMs: number;
}

/** Resolves a config entry against the config file's folder and the app's environment. */
export function commandSpec(entry: CommandEntry, configPath: string, baseEnv = process.env): CommandSpec {
  const cwd = resolve(dirname(configPath), entry.cwd ?? '.');
  const env: NodeJS.ProcessEnv = { ...baseEnv, ...entry.env };
  if (entry.path.length) {
    const before = entry.path.map((p) => resolve(cwd, p));
    env.PATH = [...before, env.PATH ?? ''].filter(Boolean).join(delimiter);
  }
  let argv: string[];
  try {
    argv = typeof entry.command === 'string' ? splitCommand(entry.command, env) : entry.command;
  } catch (err) {
    throw new Error(`commands.${entry.id}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  return { id: entry.id, argv, cwd, env, graceMs: entry.stopGraceMs };
}
