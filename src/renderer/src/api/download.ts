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
