import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';

export type UiPath = { segments: string[] } | { refused: 400 | 404 };

/**
 * The URL path as folder segments under the UI root. Decoded once (so "%252e" stays a literal "%2e"); a bad
 * escape is a 400; NUL, backslash, "..", and any dot-name (".env", ".git") are never part of the built UI: 404.
 */
export function uiPath(pathname: string): UiPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { refused: 400 };
  }
  if (/[\0\\]/.test(decoded)) return { refused: 404 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return { refused: 404 };
  return { segments };
}

export interface UiFile {
  handle: FileHandle;
  size: number;
  path: string;
}

/**
 * Opens a regular file inside root, following symlinks only while they stay inside it (the real path is
 * checked, then opened without following a link swapped in since). "missing" lets the caller fall back to
 * index.html for the app's own routes; "outside" is a link that leads out of the UI folder.
 */
export async function openUiFile(root: string, segments: string[]): Promise<UiFile | 'missing' | 'outside'> {
  let base: string;
  let real: string;
  try {
    base = await realpath(root);
    real = await realpath(join(base, ...segments));
  } catch {
    return 'missing';
  }
  if (real !== base && !real.startsWith(base + sep)) return 'outside';
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO planted in the folder must not hang the request.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return 'missing';
  }
  const stat = await handle.stat().catch(() => null);
  if (!stat?.isFile()) {
    await handle.close().catch(() => undefined);
    return 'missing';
  }
  return { handle, size: stat.size, path: real };
}
