import type { Redis } from 'ioredis';
import { OWN_CLIENT_PREFIX, type ClientRow } from '../../../shared/contract';

/** Whether a connection name is one QueueDesk gave (the app, its console, workers, beat and profiler). */
export function isOwnName(name: string): boolean {
  return (
    name === OWN_CLIENT_PREFIX ||
    name.startsWith(`${OWN_CLIENT_PREFIX}:`) ||
    name.startsWith(`${OWN_CLIENT_PREFIX}-`)
  );
}

/** One CLIENT LIST line: space-separated key=value pairs (names cannot hold spaces). */
export function parseClientLine(line: string): ClientRow {
  const raw: Record<string, string> = {};
  for (const pair of line.trim().split(' ')) {
    const eq = pair.indexOf('=');
    if (eq > 0) raw[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const num = (k: string): number => Number(raw[k] ?? 0) || 0;
  const name = raw.name ?? '';
  return {
    id: raw.id ?? '',
    addr: raw.addr ?? '',
    name,
    ageSec: num('age'),
    idleSec: num('idle'),
    db: num('db'),
    cmd: raw.cmd ?? '',
    flags: raw.flags ?? '',
    totMem: num('tot-mem'),
    omem: num('omem'),
    own: isOwnName(name),
    raw,
  };
}

export function parseClientList(text: string): ClientRow[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(parseClientLine);
}

export async function listClients(redis: Redis): Promise<ClientRow[]> {
  return parseClientList(String(await redis.call('CLIENT', 'LIST')));
}
