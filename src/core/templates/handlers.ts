import { join } from 'node:path';
import type { Template } from '../../shared/contract/templates';
import type { CoreContext, HandlerMap } from '../context';
import { TemplateStore } from './store';

type TemplatesMethod = 'templates.list' | 'templates.save' | 'templates.rename' | 'templates.delete';

export function templatesHandlers(ctx: CoreContext): HandlerMap<TemplatesMethod> {
  const store = new TemplateStore(join(ctx.dataDir, 'templates.json'));
  const changed = (list: Template[]): Template[] => {
    ctx.emit('templates.changed', list);
    return list;
  };
  return {
    'templates.list': () => store.list(),
    'templates.save': ({ name, draft, overwrite }) => changed(store.save(name, draft, overwrite)),
    'templates.rename': ({ from, to }) => changed(store.rename(from, to)),
    'templates.delete': ({ name }) => changed(store.remove(name)),
  };
}
