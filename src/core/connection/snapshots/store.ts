import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';

const ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Named copies of the embedded Redis' RDB under `snapshots/` in the data folder: `<id>.rdb` beside
 * `<id>.json` (name, time, key count, size). The JSON is written last, so a half-copied RDB is never listed.
 */
export class SnapshotStore {
  constructor(readonly dir: string) {}

  rdbPath(id: string): string {
    if (!ID.test(id)) throw new ApiError('NOT_FOUND', `no snapshot ${id}`);
    return join(this.dir, `${id}.rdb`);
  }

  async list(): Promise<Snapshot[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const all = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => this.read(n.slice(0, -5)).catch(() => null)),
    );
    return all.filter((s): s is Snapshot => s !== null).sort((a, b) => b.createdAt - a.createdAt);
  }

  async get(id: string): Promise<Snapshot> {
    try {
      return await this.read(id);
    } catch {
      throw new ApiError('NOT_FOUND', `no snapshot ${id}`);
    }
  }

  /** Copies the RDB the server just wrote; the copy is what is kept (the server overwrites its own). */
  async add(rdb: string, meta: { name: string; keys: number; auto: boolean }): Promise<Snapshot> {
    await mkdir(this.dir, { recursive: true });
    const createdAt = Date.now();
    const id = `${createdAt.toString(36)}-${randomBytes(3).toString('hex')}`;
    const target = this.rdbPath(id);
    await copyFile(rdb, `${target}.partial`);
    await rename(`${target}.partial`, target);
    const snapshot: Snapshot = { id, ...meta, createdAt, bytes: (await stat(target)).size };
    await writeFile(join(this.dir, `${id}.json`), JSON.stringify(snapshot, null, 2));
    return snapshot;
  }

  async remove(id: string): Promise<void> {
    await rm(join(this.dir, `${id}.json`), { force: true });
    await rm(this.rdbPath(id), { force: true });
  }

  private async read(id: string): Promise<Snapshot> {
    const meta = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as Snapshot;
    await stat(this.rdbPath(id));
    return { ...meta, id };
  }
}
