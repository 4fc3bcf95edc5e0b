import type { KeyRef } from '../../../shared/contract';
import { api } from '../api';
import { downloadUrl, startDownload } from '../api/download';
import { formatBytes } from '../format/size';

/**
 * "Save to file" without the value passing through the page: in the browser a download streamed by the
 * serve endpoint, in the app a save the core streams into the path the dialog picked. Returns what to tell
 * the user, or null when they cancelled.
 */
export async function saveValue(ref: KeyRef): Promise<string | null> {
  if (api.transport === 'websocket') {
    startDownload(downloadUrl(ref));
    return 'download started';
  }
  const r = await api.call('keys.saveToFile', ref);
  return r.saved ? `saved ${formatBytes(r.bytes)} to ${r.path}` : null;
}
