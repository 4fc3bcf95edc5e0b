import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostAllowed, originAllowed, type HostPolicy } from './host-policy';
import { parseTarget } from './request-target';

export const API_PATH = '/api';

export type UpgradeVerdict = { ok: true } | { ok: false; status: string; reason: string };

function refuse(status: string, reason: string): UpgradeVerdict {
  return { ok: false, status, reason };
}

/** Whether a WebSocket handshake may reach the API: its path, Host (DNS rebinding), Origin, then the token. */
export function checkUpgrade(req: IncomingMessage, token: string, policy: HostPolicy): UpgradeVerdict {
  const target = parseTarget(req.url);
  if (!target) return refuse('400 Bad Request', 'bad request target');
  if (target.pathname !== API_PATH) return refuse('404 Not Found', `the API is at ${API_PATH}`);
  if (!hostAllowed(req.headers.host, policy)) return refuse('421 Misdirected Request', hostReason(req));
  if (!originAllowed(req.headers.origin, req.headers.host)) {
    return refuse('403 Forbidden', 'a page from another origin may not use this API');
  }
  if (!hasToken(target, token)) return refuse('401 Unauthorized', 'missing or wrong token');
  return { ok: true };
}

export function hostReason(req: IncomingMessage): string {
  const shown = JSON.stringify(String(req.headers.host ?? '').slice(0, 100));
  return `Host ${shown} is not a name of this server; serve it with --allow-host NAME to use that name`;
}

/** Checks the `token` query parameter in constant time (the WebSocket's and the download endpoint's). */
export function hasToken(target: URL, token: string): boolean {
  const a = Buffer.from(target.searchParams.get('token') ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
