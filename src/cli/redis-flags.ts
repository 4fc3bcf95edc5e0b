import type { z } from 'zod';
import { ClusterTarget, HostPort, SentinelTarget, UrlTarget, type TestTarget } from '../shared/contract';
import { describeIssues } from '../core/validate';
import { TLS_FLAGS, TLS_FLAGS_HELP } from './tls-flags';

/** The Redis options `queuedesk worker` and `beat` share, for node:util's parseArgs. */
export const REDIS_FLAGS = {
  redis: { type: 'string' },
  cluster: { type: 'string' },
  sentinel: { type: 'string' },
  master: { type: 'string' },
  ...TLS_FLAGS,
} as const;

export interface RedisFlags {
  redis?: string;
  cluster?: string;
  sentinel?: string;
  master?: string;
}

/** How the help texts describe them. */
export const REDIS_FLAGS_HELP = `  --redis        Redis URL (else REDIS_URL, else the config's connection)
  --cluster      a Redis Cluster instead: some of its nodes, host:port,host:port…
  --sentinel     a Redis behind Sentinel instead: its sentinels, host:port,host:port…, with
  --master       the master name the sentinels monitor
${TLS_FLAGS_HELP}`;

/** Where a cluster's or Sentinel's passwords come from, for the end of the help texts. */
export const REDIS_ENV_HELP = `On a cluster or behind Sentinel, REDIS_USERNAME and REDIS_PASSWORD give the credentials of the
Redis nodes, SENTINEL_USERNAME and SENTINEL_PASSWORD those of the sentinels (they win over the config's); a URL
carries its own (REDIS_URL keeps it off the command line, where ps would show it).`;

/**
 * The target the command line names, or null when it names none; a clear error for flags that do not fit
 * together or do not parse, before anything connects.
 */
export function flagTarget(flags: RedisFlags): TestTarget | null {
  const given = (['redis', 'cluster', 'sentinel'] as const).filter((f) => flags[f] !== undefined);
  if (given.length > 1)
    throw new Error(
      `${given.map((f) => `--${f}`).join(' and ')} name different Redis set-ups: pass only one of them`,
    );
  if (flags.master !== undefined && flags.sentinel === undefined)
    throw new Error('--master names a master of --sentinel: pass --sentinel host:port,… with it');
  if (flags.redis !== undefined) return checked('--redis', UrlTarget, { mode: 'url', url: flags.redis });
  if (flags.cluster !== undefined)
    return checked('--cluster', ClusterTarget, {
      mode: 'cluster',
      nodes: hostPorts('--cluster', flags.cluster),
    });
  if (flags.sentinel === undefined) return null;
  const sentinels = hostPorts('--sentinel', flags.sentinel);
  if (!flags.master?.trim())
    throw new Error('--sentinel needs --master NAME: the master name the sentinels monitor');
  return checked('--sentinel', SentinelTarget, { mode: 'sentinel', sentinels, name: flags.master });
}

/** A comma-separated host:port list, each checked as the API checks it. */
function hostPorts(flag: string, list: string): string[] {
  const items = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) throw new Error(`${flag}: give host:port,host:port…`);
  for (const item of items) {
    const parsed = HostPort.safeParse(item);
    if (!parsed.success) throw new Error(`${flag}: "${item}" ${parsed.error.issues[0]?.message}`);
  }
  return items;
}

function checked<T extends TestTarget>(flag: string, schema: z.ZodType<T>, target: unknown): T {
  const parsed = schema.safeParse(target);
  if (!parsed.success) throw new Error(`${flag}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
