import type { CoreContext, HandlerMap } from '../context';

export function keysHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
