import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ComposeDraft, type Template } from '../../shared/contract/templates';
import { ApiError } from '../../shared/result';

const VERSION = 1;

interface TemplateFile {
  version: number;
  templates: Template[];
}

/** Compose templates in one JSON file in the app's data folder; writes go through a temp file and a rename. */
export class TemplateStore {
  constructor(private readonly file: string) {}

  list(): Template[] {
    return this.read().sort((a, b) => a.name.localeCompare(b.name));
  }

  save(name: string, draft: ComposeDraft, overwrite: boolean): Template[] {
    const all = this.read();
    if (!overwrite && all.some((t) => t.name === name))
      throw new ApiError('CONFLICT', `a template named "${name}" exists already`);
    this.write([...all.filter((t) => t.name !== name), { name, draft, savedAt: Date.now() }]);
    return this.list();
  }

  rename(from: string, to: string): Template[] {
    const all = this.read();
    const found = all.find((t) => t.name === from);
    if (!found) throw new ApiError('NOT_FOUND', `no template named "${from}"`);
    if (from !== to && all.some((t) => t.name === to))
      throw new ApiError('CONFLICT', `a template named "${to}" exists already`);
    this.write(all.map((t) => (t === found ? { ...t, name: to } : t)));
    return this.list();
  }

  remove(name: string): Template[] {
    const all = this.read();
    if (!all.some((t) => t.name === name)) throw new ApiError('NOT_FOUND', `no template named "${name}"`);
    this.write(all.filter((t) => t.name !== name));
    return this.list();
  }

  /** A damaged file or entry is skipped rather than failing the whole panel. */
  private read(): Template[] {
    if (!existsSync(this.file)) return [];
    let parsed: Partial<TemplateFile>;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<TemplateFile>;
    } catch {
      return [];
    }
    if (!Array.isArray(parsed.templates)) return [];
    return parsed.templates.flatMap((t) => {
      const draft = ComposeDraft.safeParse(t?.draft);
      if (typeof t?.name !== 'string' || !draft.success) return [];
      return [{ name: t.name, draft: draft.data, savedAt: Number(t.savedAt) || 0 }];
    });
  }

  private write(templates: Template[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const body: TemplateFile = { version: VERSION, templates };
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(body, null, 2));
    renameSync(tmp, this.file);
  }
}
