import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where headless QueueDesk keeps its settings: QUEUEDESK_DATA_DIR, else the user's config folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUEUEDESK_DATA_DIR) return env.QUEUEDESK_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'QueueDesk', 'serve');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'QueueDesk', 'serve');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'QueueDesk', 'serve');
}
