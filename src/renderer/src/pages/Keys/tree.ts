import { naturalCompare } from './natural';

/** A folder of keys split by the delimiter; counts include everything beneath. */
export interface Folder<R> {
  name: string;
  path: string;
  count: number;
  folders: Map<string, Folder<R>>;
  leaves: R[];
}

export type TreeRow<R> =
  | { kind: 'folder'; folder: Folder<R>; depth: number; open: boolean }
  | { kind: 'key'; row: R; depth: number; prefix: string };

/**
 * Keys grouped by delimiter, built incrementally as scan batches arrive (so a million keys are not
 * re-split on every batch). Only open folders are flattened for the virtual list.
 */
export class KeyTree<R extends { path: string }> {
  readonly root: Folder<R> = newFolder('', '');

  constructor(readonly delimiter: string) {}

  add(rows: Iterable<R>): void {
    const d = this.delimiter;
    for (const row of rows) {
      const key = row.path;
      let node = this.root;
      node.count++;
      // Walks the name with indexOf rather than split: no array and no string for the leaf segment,
      // which matters at a million keys.
      let from = 0;
      for (let at = d ? key.indexOf(d) : -1; at >= 0; at = key.indexOf(d, from)) {
        const name = key.slice(from, at);
        let child = node.folders.get(name);
        if (!child) {
          child = newFolder(name, key.slice(0, at + d.length));
          node.folders.set(name, child);
        }
        child.count++;
        node = child;
        from = at + d.length;
      }
      node.leaves.push(row);
    }
  }

  remove(match: (row: R) => boolean): void {
    prune(this.root, match);
  }

  /** The rows shown: folders (sorted, before keys) and keys of each open folder, depth-first. */
  flatten(open: ReadonlySet<string>, compare: (a: R, b: R) => number): Array<TreeRow<R>> {
    const out: Array<TreeRow<R>> = [];
    const walk = (folder: Folder<R>, depth: number): void => {
      const names = [...folder.folders.keys()].sort(naturalCompare);
      for (const name of names) {
        const child = folder.folders.get(name)!;
        const isOpen = open.has(child.path);
        out.push({ kind: 'folder', folder: child, depth, open: isOpen });
        if (isOpen) walk(child, depth + 1);
      }
      const leaves = folder.leaves.length > 1 ? [...folder.leaves].sort(compare) : folder.leaves;
      for (const row of leaves) out.push({ kind: 'key', row, depth, prefix: folder.path });
    };
    walk(this.root, 0);
    return out;
  }
}

function newFolder<R>(name: string, path: string): Folder<R> {
  return { name, path, count: 0, folders: new Map(), leaves: [] };
}

function prune<R>(folder: Folder<R>, match: (row: R) => boolean): number {
  let removed = 0;
  const before = folder.leaves.length;
  folder.leaves = folder.leaves.filter((r) => !match(r));
  removed += before - folder.leaves.length;
  for (const [name, child] of folder.folders) {
    removed += prune(child, match);
    if (child.count === 0) folder.folders.delete(name);
  }
  folder.count -= removed;
  return removed;
}
