import { createJiti } from 'jiti';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { describeIssues } from '../validate';
import { ProjectConfig } from './schema';

export const CONFIG_NAMES = [
  'queuedesk.config.ts',
  'queuedesk.config.mts',
  'queuedesk.config.js',
  'queuedesk.config.mjs',
  'queuedesk.config.json',
];

export interface LoadedConfig {
  /** Absolute path of the file read. */
  path: string;
  config: ProjectConfig;
  /** Absolute path of the task module, if the config names one. */
  taskModule: string | null;
}

/** The config file for a path that is either the file itself or a project folder holding one. */
export function findConfigFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`config not found: ${abs}`);
  if (!statSync(abs).isDirectory()) return abs;
  const found = CONFIG_NAMES.map((n) => join(abs, n)).find((p) => existsSync(p));
  if (!found) throw new Error(`no ${CONFIG_NAMES.join(' / ')} in ${abs}`);
  return found;
}

/** Reads and validates a project config; errors name the file and the bad field. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const file = findConfigFile(path);
  let raw: unknown;
  try {
    if (extname(file) === '.json') raw = JSON.parse(readFileSync(file, 'utf8'));
    else {
      const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
      raw = await jiti.import(file, { default: true });
    }
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = ProjectConfig.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  const taskModule = config.tasks ? resolve(dirname(file), config.tasks) : null;
  if (taskModule && !existsSync(taskModule)) throw new Error(`${file}: tasks: file not found: ${taskModule}`);
  return { path: file, config, taskModule };
}
