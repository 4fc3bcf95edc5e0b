import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerFiles } from './bgsave';

const ASIDE = '.before-restore';

/**
 * Puts an RDB where a stopped server will load it from. With AOF on, Redis loads the AOF and ignores the RDB, so
 * the AOF is replaced by one made of the snapshot: Redis 7 keeps a folder whose manifest names a base file that
 * may be an RDB (the same format it writes itself after a rewrite); older versions read an RDB preamble at the
 * head of the single AOF file. The files it replaces are moved aside until the server is up again.
 */
export async function placeRdb(
  snapshot: string,
  files: ServerFiles,
): Promise<{ commit(): Promise<void>; undo(): Promise<void> }> {
  const moved: string[] = [];
  const created: string[] = [];
  const aside = async (path: string): Promise<void> => {
    if (!(await stat(path).catch(() => null))) return;
    await rm(path + ASIDE, { recursive: true, force: true });
    await rename(path, path + ASIDE);
    moved.push(path);
  };
  await aside(files.rdbPath);
  await copyFile(snapshot, files.rdbPath);
  if (files.aof && files.aofDir) {
    await aside(files.aofDir);
    await mkdir(files.aofDir);
    created.push(files.aofDir);
    const base = `${files.aofFile}.1.base.rdb`;
    await copyFile(snapshot, join(files.aofDir, base));
    await writeFile(join(files.aofDir, `${files.aofFile}.manifest`), `file ${base} seq 1 type b\n`);
  } else if (files.aof) {
    const aof = join(files.dir, files.aofFile);
    await aside(aof);
    await copyFile(snapshot, aof);
  }
  return {
    commit: async () => {
      for (const p of moved) await rm(p + ASIDE, { recursive: true, force: true });
    },
    undo: async () => {
      for (const p of created) await rm(p, { recursive: true, force: true });
      for (const p of moved) {
        await rm(p, { recursive: true, force: true });
        await rename(p + ASIDE, p);
      }
    },
  };
}
