import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';

/** Main's whole part in "Save to file": ask where. The streaming write itself lives in core. */
export async function pickSavePath(win: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}
