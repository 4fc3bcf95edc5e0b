import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronLookup = { ok: true; path: string } | { ok: false; why: string };

/**
 * The Electron binary to open the desktop window with, or why there is none. Resolved from QueueDesk's own
 * folder (`from`), so it finds the copy installed beside QueueDesk in a developer's project too.
 */
export function findElectron(from: string, env: NodeJS.ProcessEnv = process.env): ElectronLookup {
  let path: unknown;
  try {
    path = createRequire(from)('electron');
  } catch (err) {
    const missing = err instanceof Error && 'code' in err && err.code === 'MODULE_NOT_FOUND';
    return {
      ok: false,
      why: missing
        ? 'Electron is not installed'
        : 'Electron is installed without its binary (its download was skipped or failed; `node node_modules/electron/install.js` fetches it)',
    };
  }
  if (typeof path !== 'string' || !existsSync(path))
    return {
      ok: false,
      why: 'the Electron binary is missing (`node node_modules/electron/install.js` fetches it)',
    };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { ok: false, why: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  return { ok: true, path };
}
