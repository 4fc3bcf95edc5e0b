import type { CoreContext, HandlerMap } from '../context';

export function metricsHandlers(_ctx: CoreContext): HandlerMap<never> {
  return {};
}
