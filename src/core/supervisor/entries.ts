import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildEntry {
  modulePath: string;
  execArgv: string[];
}

/**
 * Where a child's entry is (worker, beat, task lister): the built `<kind>.js` beside the running bundle
 * (out/main; this code may sit in out/main/chunks), else the TypeScript source run through tsx (vitest).
 */
export function childEntry(
  kind: 'worker' | 'beat' | 'tasks',
  here = dirname(fileURLToPath(import.meta.url)),
): ChildEntry {
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, `${kind}.js`);
    if (existsSync(built)) return { modulePath: built, execArgv: [] };
  }
  const source = join(here, '..', kind, 'main.ts');
  if (!existsSync(source)) throw new Error(`cannot find the ${kind} entry near ${here}`);
  return { modulePath: source, execArgv: ['--import', 'tsx'] };
}
