/** "no expiry", "45s", "3m 05s", "2h 10m", "4d 3h" for a TTL left in ms. */
export function formatTtl(msLeft: number | null): string {
  if (msLeft === null) return 'no expiry';
  if (msLeft <= 0) return 'expired';
  const s = Math.ceil(msLeft / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** When a key expires, from a TTL read at `readAt`; null = no expiry. */
export function expiresAt(ttlMs: number, readAt: number): number | null {
  return ttlMs >= 0 ? readAt + ttlMs : null;
}
