import type { ServerInfo } from '../../shared/contract';

/** What INFO itself says; the host adds its own command counts. */
export type RedisInfo = Omit<ServerInfo, 'ownOpsPerSec' | 'ownCommands'>;

/** Parses the text of INFO into the fields the status bar and server page show. */
export function parseInfo(text: string): RedisInfo {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) fields.set(line.slice(0, i), line.slice(i + 1));
  }
  const num = (k: string): number => Number(fields.get(k) ?? 0) || 0;
  const keyspace: ServerInfo['keyspace'] = {};
  for (const [k, v] of fields) {
    if (!/^db\d+$/.test(k)) continue;
    const parts = Object.fromEntries(v.split(',').map((p) => p.split('=') as [string, string]));
    keyspace[k] = { keys: Number(parts.keys ?? 0), expires: Number(parts.expires ?? 0) };
  }
  return {
    version: fields.get('redis_version') ?? 'unknown',
    mode: fields.get('redis_mode') ?? 'standalone',
    uptimeSec: num('uptime_in_seconds'),
    pid: num('process_id'),
    usedMemory: num('used_memory'),
    usedMemoryHuman: fields.get('used_memory_human') ?? '',
    connectedClients: num('connected_clients'),
    opsPerSec: num('instantaneous_ops_per_sec'),
    keyspace,
  };
}
