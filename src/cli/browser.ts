import { spawn } from 'node:child_process';
import { findOnPath } from '../core/connection/find-binary';

/** Opens the URL in the user's default browser where there is one; says nothing and returns false otherwise. */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const opener = browserCommand(env);
  if (!opener) return false;
  try {
    const child = spawn(opener.command, [...opener.args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function browserCommand(env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  if (process.platform === 'darwin') return { command: 'open', args: [] };
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  // Without a display, xdg-open would fall back to a text browser in this terminal.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const xdg = findOnPath('xdg-open', env);
  return xdg ? { command: xdg, args: [] } : null;
}
