import { createJiti } from 'jiti';
import { existsSync } from 'node:fs';
import type { TaskDefinition, TaskHandler } from './types';

/** Optional metadata a user handler may carry: `handler.description = '…'`. */
interface HandlerMeta {
  description?: unknown;
  argsSchema?: unknown;
  example?: unknown;
}

/**
 * Loads the user's task module (.ts, .mts, .mjs, .js …) fresh from disk: named function exports are tasks named
 * after the export; a default export that is an object maps task names (which may contain dots) to handlers.
 */
export async function loadTaskModule(path: string): Promise<TaskDefinition[]> {
  if (!existsSync(path)) throw new Error(`task module not found: ${path}`);
  // No module or file cache: a reload must see the edited file and the files it imports.
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  const mod = (await jiti.import(path)) as Record<string, unknown>;
  const found = new Map<string, TaskDefinition>();
  for (const [name, value] of Object.entries(mod)) {
    if (name === 'default' || name === '__esModule') continue;
    if (typeof value === 'function') found.set(name, toDefinition(name, value as TaskHandler));
  }
  const def = mod.default;
  if (def && typeof def === 'object') {
    for (const [name, value] of Object.entries(def as Record<string, unknown>)) {
      if (typeof value === 'function') found.set(name, toDefinition(name, value as TaskHandler));
    }
  }
  return [...found.values()];
}

function toDefinition(name: string, handler: TaskHandler): TaskDefinition {
  const meta = handler as unknown as HandlerMeta;
  return {
    name,
    source: 'module',
    description: typeof meta.description === 'string' ? meta.description : undefined,
    argsSchema: meta.argsSchema,
    example: meta.example,
    readsChildren: true,
    run: (ctx) => handler(ctx, undefined as never),
  };
}
