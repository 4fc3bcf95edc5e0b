import { isIP } from 'node:net';

/**
 * Which Host names this server answers to: its DNS-rebinding guard. A page on evil.example that re-points its
 * name to 127.0.0.1 still sends `Host: evil.example`, so only names known to be ours pass: the loopback names,
 * the address serve is bound to, names given with --allow-host, and, when bound to every interface, any IP
 * literal (a browser that sends an IP as Host is on that IP's own origin, so that cannot be a rebinding).
 * The port is not compared: a container or an SSH tunnel may map it.
 */
export interface HostPolicy {
  names: ReadonlySet<string>;
  anyIp: boolean;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

export function hostPolicy(bindHost: string, allowHosts: readonly string[] = []): HostPolicy {
  const names = new Set(LOOPBACK_NAMES);
  for (const name of [bindHost, ...allowHosts]) {
    const n = name.trim().toLowerCase();
    if (n && !WILDCARD.has(n)) names.add(isIP(n) === 6 ? `[${n}]` : n);
  }
  return { names, anyIp: WILDCARD.has(bindHost.trim().toLowerCase()) };
}

// A host name or IPv4, or a bracketed IPv6, then an optional port: nothing else (no "user@", no path).
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i;

/** The host name of a Host header in its canonical form ("[::1]" keeps its brackets), or null if malformed. */
export function hostName(header: string | undefined): string | null {
  const m = header === undefined ? null : HOST_HEADER.exec(header);
  return m ? (m[1] as string).toLowerCase().replace(/\.$/, '') : null;
}

export function hostAllowed(header: string | undefined, policy: HostPolicy): boolean {
  const name = hostName(header);
  if (name === null) return false;
  if (policy.names.has(name)) return true;
  return policy.anyIp && isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

/**
 * A browser always sends Origin on a WebSocket handshake; scripts (Node's `ws`, redis tools) send none and are
 * held by the token alone. When Origin is present it must be this very server: same scheme family and the same
 * host:port as the Host header (which hostAllowed has checked), so another site's page cannot use a leaked token.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  try {
    const url = new URL(origin); // throws on the opaque origin "null" (sandboxed frames, file:)
    // A browser sends the serialized origin, scheme://host[:port] and nothing else.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return false;
    // Both sides through the same parser, so default ports and IPv6 spellings compare equal.
    return url.host === new URL(`${url.protocol}//${hostHeader}`).host;
  } catch {
    return false;
  }
}
