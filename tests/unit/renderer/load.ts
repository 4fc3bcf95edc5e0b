/**
 * Loads a renderer module for a unit test. tsconfig.node.json (which type-checks tests/) cannot include renderer
 * files (TS6307, composite projects), so the path is not a literal: TypeScript leaves it alone, Vitest loads it.
 * The renderer's own typecheck (tsconfig.web.json) still checks the module itself.
 */
export async function loadRenderer<T>(path: string): Promise<T> {
  const specifier: string = `../../../src/renderer/src/${path}`;
  return (await import(/* @vite-ignore */ specifier)) as T;
}
