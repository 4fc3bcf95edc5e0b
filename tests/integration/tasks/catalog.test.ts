import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFork } from '../../../src/core/supervisor/fork';
import { TaskCatalog } from '../../../src/core/tasks/catalog';

function moduleFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'qd-cat-')), 'tasks.mjs');
  writeFileSync(file, text);
  return file;
}

describe("the app's task list comes from a separate process", () => {
  it("lists a module's tasks; an edit that breaks it keeps them, with the error", async () => {
    const file = moduleFile('export const a = () => 1;\n');
    const catalog = new TaskCatalog(nodeFork);
    await catalog.load(file);
    expect(
      catalog
        .list()
        .tasks.filter((t) => t.source === 'module')
        .map((t) => t.name),
    ).toEqual(['a']);
    writeFileSync(file, 'export const a = (;\n');
    await catalog.load();
    expect(catalog.list().moduleError).toMatch(/tasks\.mjs/);
    expect(catalog.list().tasks.some((t) => t.name === 'a')).toBe(true);
  });

  it('a module that exits when imported cannot take the app with it', async () => {
    const catalog = new TaskCatalog(nodeFork);
    await catalog.load(moduleFile('console.error("bye from the module"); process.exit(3);\n'));
    const list = catalog.list();
    expect(list.moduleError).toMatch(/exit code 3.*bye from the module/s);
    expect(list.tasks.map((t) => t.source)).not.toContain('module');
    expect(list.tasks.some((t) => t.name === 'demo.echo')).toBe(true);
  });
});
