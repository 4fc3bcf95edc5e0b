import type { CoreContext, HandlerMap } from '../context';

export function queuesHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
