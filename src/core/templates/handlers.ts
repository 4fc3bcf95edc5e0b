import type { CoreContext, HandlerMap } from '../context';

export function templatesHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
