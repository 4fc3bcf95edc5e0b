/**
 * Loads one of the renderer's pub/sub store modules by a computed path. tsconfig.node.json checks tests/ but does
 * not list the renderer's sources, so a static import would break that typecheck; the modules are typed by the
 * web config, and the tests say what they use.
 */
export async function rendererStore<T>(
  name: 'pubsub-format' | 'pubsub-intake' | 'pubsub-messages',
): Promise<T> {
  return (await import(/* @vite-ignore */ `../../../src/renderer/src/stores/${name}`)) as T;
}
