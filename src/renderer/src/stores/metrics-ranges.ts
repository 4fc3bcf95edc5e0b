import type { Resolution } from '../../../shared/contract';

/** The Metrics panel's ranges: the live per-second view (kept by the host in memory), per minute, per hour. */
export const RANGES = {
  '5m': {
    minutes: 5,
    resolution: '1s',
    label: '5 min',
    per: 'per second',
    window: 'the last 5 minutes',
    time: '{h}:{mm}:{ss}',
  },
  '1h': {
    minutes: 60,
    resolution: '1m',
    label: '1 h',
    per: 'per minute',
    window: 'the last hour',
    time: '{h}:{mm}{aa}',
  },
  '24h': {
    minutes: 24 * 60,
    resolution: '1h',
    label: '24 h',
    per: 'per hour',
    window: 'the last 24 hours',
    time: '{M}/{D} {h}{aa}',
  },
} as const satisfies Record<
  string,
  { minutes: number; resolution: Resolution; label: string; per: string; window: string; time: string }
>;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];

/** The sparklines: the last 5 minutes per 10 s, from the host's memory (no Redis read per card). */
export const SPARK = { minutes: 5, resolution: '10s' } as const;
