import type { CoreContext, HandlerMap } from '../context';

export function pubsubHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
