import { z } from 'zod';

/** A setting QueueDesk lets the user change: the values it accepts and how to say so. */
export interface SafeSetting {
  schema: z.ZodType<string>;
  note: string;
  choices?: string[];
}

const int = (min: number, max = Number.MAX_SAFE_INTEGER): z.ZodType<string> =>
  z
    .string()
    .regex(/^-?\d{1,16}$/, 'a whole number')
    .refine((v) => Number(v) >= min && Number(v) <= max, `between ${min} and ${max}`);
const choice = (values: string[]): z.ZodType<string> =>
  z.string().refine((v) => values.includes(v), `one of ${values.join(', ')}`);
const YES_NO = ['yes', 'no'];

const intSetting = (min: number, max: number | undefined, what: string): SafeSetting => ({
  schema: int(min, max),
  note: `${what} (a whole number from ${min}${max === undefined ? '' : ` to ${max}`})`,
});
const yesNo = (what: string): SafeSetting => ({ schema: choice(YES_NO), note: what, choices: YES_NO });

export const EVICTION_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
];

/**
 * Settings that change how the server behaves but cannot lock anyone out, write files or lose data on their own.
 * maxmemory is here because a developer tunes it, but a few bytes would make every write fail: 0 or at least 1m.
 */
export const SAFE_SETTINGS: Readonly<Record<string, SafeSetting>> = {
  'maxmemory-policy': {
    schema: choice(EVICTION_POLICIES),
    note: 'What Redis does at maxmemory: refuse writes (noeviction) or evict keys',
    choices: EVICTION_POLICIES,
  },
  maxmemory: {
    schema: z
      .string()
      .regex(/^\d{1,15}(b|k|kb|m|mb|g|gb)?$/i, 'bytes, or a number with k, kb, m, mb, g, gb')
      .refine((v) => bytesOf(v) === 0 || bytesOf(v) >= 1_000_000, '0 (no limit) or at least 1m'),
    note: 'Memory limit: bytes or 100mb, 1gb…; 0 = no limit; at least 1m',
  },
  'maxmemory-samples': intSetting(1, 64, 'Keys sampled per eviction'),
  'slowlog-log-slower-than': intSetting(
    -1,
    60_000_000,
    'Log commands slower than this many µs; 0 = all, -1 = none',
  ),
  'slowlog-max-len': intSetting(0, 100_000, 'Slow log entries kept'),
  'latency-monitor-threshold': intSetting(
    0,
    60_000,
    'Record latency spikes of at least this many ms; 0 = off',
  ),
  'latency-tracking': yesNo('Per-command latency percentiles in INFO latencystats'),
  'notify-keyspace-events': {
    schema: z.string().regex(/^[KEg$lshzxetmdnA]*$/, 'letters from K E g $ l s h z x e t m d n A'),
    note: 'Keyspace notifications: K/E plus classes (g $ l s h z x e t m d n, A = all); empty = off',
  },
  hz: intSetting(1, 500, 'Background task runs per second'),
  timeout: intSetting(0, 31_536_000, 'Close clients idle this many seconds; 0 = never'),
  'tcp-keepalive': intSetting(0, 7200, 'TCP keepalive interval (s); 0 = off'),
  'active-expire-effort': intSetting(1, 10, 'Effort spent expiring keys in the background'),
  'lfu-log-factor': intSetting(0, 255, 'LFU counter growth'),
  'lfu-decay-time': intSetting(0, 10_000, 'LFU counter decay (minutes)'),
  'lazyfree-lazy-eviction': yesNo('Free evicted keys in the background'),
  'lazyfree-lazy-expire': yesNo('Free expired keys in the background'),
  'lazyfree-lazy-user-del': yesNo('DEL frees in the background, as UNLINK'),
  activedefrag: yesNo('Active memory defragmentation'),
  'hash-max-listpack-entries': intSetting(0, 100_000, 'Hashes up to this many fields stay compact'),
  'hash-max-listpack-value': intSetting(0, 100_000, 'Hash values up to this many bytes stay compact'),
  'zset-max-listpack-entries': intSetting(0, 100_000, 'Sorted sets up to this many members stay compact'),
  'zset-max-listpack-value': intSetting(0, 100_000, 'Sorted-set members up to this many bytes stay compact'),
  'set-max-intset-entries': intSetting(0, 100_000, 'Integer sets up to this many members stay compact'),
  'list-max-listpack-size': intSetting(-5, 100_000, 'List node size: -1..-5 = 4..64 KB, positive = entries'),
};

/** Why settings QueueDesk knows to be risky are read-only here. */
const DANGER_REASONS: Array<[RegExp, string]> = [
  [
    /^(dir|dbfilename|appendfilename|appenddirname|logfile)$/,
    'Where the server writes files: pointing it elsewhere can overwrite files on its machine.',
  ],
  [
    /^(requirepass|masterauth|masteruser|aclfile)$/,
    'Credentials: a wrong value locks out every client, QueueDesk included.',
  ],
  [
    /^(bind|port|unixsocket.*|tls-.*|protected-mode)$/,
    'How clients reach the server: a change can cut every connection.',
  ],
  [
    /^(save|appendonly|appendfsync|rdb.*|aof.*)$/,
    'Persistence: a change can lose data on restart or load the disk.',
  ],
  [
    /^(replicaof|slaveof|replica-.*|slave-.*|repl-.*|min-replicas.*|min-slaves.*)$/,
    'Replication: a change can turn this server into a replica and drop its data.',
  ],
  [/^cluster-/, 'Cluster topology: a change affects every node.'],
  [
    /^(maxclients|maxmemory-clients|client-output-buffer-limit|client-query-buffer-limit|proto-max-bulk-len)$/,
    'Client limits: a low value disconnects or refuses clients, QueueDesk included.',
  ],
  [
    /^(enable-.*-command|lua-time-limit|busy-reply-threshold)$/,
    'Lets or stops commands that can freeze the server.',
  ],
];

export function dangerNote(name: string): string {
  for (const [re, why] of DANGER_REASONS) if (re.test(name)) return why;
  return 'Not on QueueDesk’s list of safe settings; the console can change it (CONFIG SET, with a confirmation).';
}

function bytesOf(v: string): number {
  const m = /^(\d+)([a-z]*)$/i.exec(v);
  if (!m) return NaN;
  const unit = m[2]!.toLowerCase();
  const scale: Record<string, number> = {
    '': 1,
    b: 1,
    k: 1000,
    kb: 1024,
    m: 1e6,
    mb: 1024 ** 2,
    g: 1e9,
    gb: 1024 ** 3,
  };
  return Number(m[1]) * (scale[unit] ?? NaN);
}
