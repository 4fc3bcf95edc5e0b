import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const SCRIPT = /\.(c|m)?(t|j)sx?$|\.json$/;

/**
 * Calls `onChange` (debounced) when the task module or a script beside it changes. Watches the folder, not the
 * file: editors save by writing a new file and renaming it over the old one, which a file watch loses.
 */
export function watchTaskModule(path: string, onChange: () => void, debounceMs = 150): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), (_event, file) => {
      if (file && !SCRIPT.test(String(file)) && String(file) !== basename(path)) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', () => undefined);
  } catch {
    return () => undefined;
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
