import { z } from 'zod';
import { builtin } from './define';

export const cacheSet = builtin({
  name: 'cache.set',
  description:
    'Writes a string key with a TTL (what an app caching a result does); a non-string value is stored as JSON.',
  args: z.object({
    key: z.string().min(1),
    value: z.unknown(),
    ttlMs: z.number().int().min(1).optional(),
  }),
  example: { key: 'cache:greeting', value: 'hello', ttlMs: 60_000 },
  run: async ({ args }, { redis }) => {
    const value = typeof args.value === 'string' ? args.value : JSON.stringify(args.value ?? null);
    if (args.ttlMs !== undefined) await redis.set(args.key, value, 'PX', args.ttlMs);
    else await redis.set(args.key, value);
    return { key: args.key, ttlMs: args.ttlMs ?? -1 };
  },
});
