import type { CoreContext, HandlerMap } from '../context';

export function processesHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
