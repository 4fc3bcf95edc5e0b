import type { KeyRef } from '../../../shared/contract';

/** The serve endpoint that streams a key's value from Redis; same token as the page's WebSocket. */
export function downloadUrl(ref: KeyRef): string {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const q = new URLSearchParams({
    token,
    key: ref.key,
    ...(ref.keyEncoding ? { keyEncoding: ref.keyEncoding } : {}),
  });
  return `/api/download?${q.toString()}`;
}

/** The file a `keys.export` wrote for this page (serve mode); it can be downloaded once. */
export function exportDownloadUrl(downloadId: string): string {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return `/api/download?${new URLSearchParams({ token, export: downloadId }).toString()}`;
}

/** Starts a browser download of `href` without leaving the page. */
export function startDownload(href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  a.click();
}
