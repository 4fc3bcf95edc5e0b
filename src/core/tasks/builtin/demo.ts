import { z } from 'zod';
import { builtin, sleep } from './define';

export const demoEcho = builtin({
  name: 'demo.echo',
  description: 'Returns its args as they are.',
  args: z.unknown(),
  example: { hello: 'world' },
  run: ({ args }) => args,
});

export const demoSleep = builtin({
  name: 'demo.sleep',
  description: 'Waits `ms` milliseconds, then returns how long it slept.',
  args: z.object({
    ms: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600_000),
  }),
  example: { ms: 1000 },
  run: async ({ args, signal }) => {
    await sleep(args.ms, signal);
    return { slept: args.ms };
  },
});

export const demoFail = builtin({
  name: 'demo.fail',
  description: 'Fails the first `failures` attempts, then succeeds: shows retries and back-off.',
  args: z.object({ failures: z.number().int().min(0).max(1000), message: z.string().optional() }),
  example: { failures: 2 },
  run: ({ args, attempt }) => {
    if (attempt <= args.failures) {
      throw new Error(args.message ?? `demo.fail: attempt ${attempt} of ${args.failures} planned failures`);
    }
    return { succeededOnAttempt: attempt };
  },
});

export const demoProgress = builtin({
  name: 'demo.progress',
  description: 'Reports progress from 0 to 100 in `steps` steps of `stepMs` each.',
  args: z.object({
    steps: z.number().int().min(1).max(1000).default(10),
    stepMs: z.number().int().min(0).max(60_000).default(200),
  }),
  example: { steps: 10, stepMs: 200 },
  run: async ({ args, progress, log, signal }) => {
    for (let i = 1; i <= args.steps; i++) {
      await sleep(args.stepMs, signal);
      const pct = Math.round((i / args.steps) * 100);
      await progress(pct);
      if (i === args.steps || i % Math.ceil(args.steps / 4) === 0) await log(`progress ${pct}%`);
    }
    return { steps: args.steps };
  },
});
