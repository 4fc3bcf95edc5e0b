import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../core/connection/find-binary';
import { CoreHost } from '../core/host';
import { utilityFork } from './fork';
import { bindContract } from './ipc';
import { pickSavePath } from './save-dialog';
import { electronSecretBox } from './secrets';
import { applyCsp, lockNavigation } from './security';

const here = fileURLToPath(new URL('.', import.meta.url));
// redis-memory-server's watchdog (kills redis-server if the app dies) is a Node script started with
// $NODE or argv[0]; argv[0] here is Electron itself, so point it at a real node when there is one.
process.env.NODE ??= findOnPath('node');

let win: BrowserWindow | null = null;
let host: CoreHost | null = null;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'QueueDesk',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  w.once('ready-to-show', () => w.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const appUrl = devUrl ?? 'file://';
  lockNavigation(w, appUrl);
  if (devUrl) void w.loadURL(devUrl);
  else void w.loadFile(join(here, '../renderer/index.html'));
  return w;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });

  void app.whenReady().then(async () => {
    const dataDir = process.env.QUEUEDESK_DATA_DIR ?? app.getPath('userData');
    host = new CoreHost({
      dataDir,
      secrets: electronSecretBox(dataDir),
      fork: utilityFork,
      pickSavePath: (name) => pickSavePath(win, name),
    });
    applyCsp(session.defaultSession);
    bindContract(ipcMain, host, () => win?.webContents ?? null);
    win = createWindow();
    win.on('closed', () => (win = null));
    // The first screen is connected: the embedded Redis starts with the window (or the Redis that
    // `queuedesk --redis` named), on the project of the folder `queuedesk` was started in.
    const url = process.env.QUEUEDESK_REDIS_URL;
    await host.call('connection.connect', url ? { mode: 'url', url } : { mode: 'embedded' });
    const configPath = process.env.QUEUEDESK_PROJECT;
    if (configPath) await host.call('project.open', { configPath });
  });

  app.on('window-all-closed', () => app.quit());

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !host) return;
    event.preventDefault();
    quitting = true;
    // Stop the embedded Redis before exiting, so no redis-server outlives the app; bounded like serve's stop.
    setTimeout(() => app.exit(1), 10_000).unref();
    void host.close().finally(() => app.exit(0));
  });
  // `kill` or Ctrl-C in the terminal that started it: the same clean quit (children stopped, AOF written);
  // a second signal exits at once (utility processes end with the app).
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => (quitting ? app.exit(1) : app.quit()));
}
