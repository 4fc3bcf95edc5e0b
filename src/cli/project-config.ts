import { findConfigFile } from '../core/config/load';

/** The queuedesk.config.* of a folder, or null when it has none (QueueDesk then starts with built-in tasks only). */
export function projectInFolder(folder: string): string | null {
  try {
    return findConfigFile(folder);
  } catch {
    return null;
  }
}
