import { z } from 'zod';
import type { TaskContext, TaskDefinition, TaskServices } from '../types';

/** Declares a built-in task whose args are checked by a zod schema (the error names the bad field). */
export function builtin<S extends z.ZodType>(def: {
  name: string;
  description: string;
  args: S;
  example: z.input<S>;
  run: (ctx: TaskContext<z.output<S>>, services: TaskServices) => unknown;
}): TaskDefinition {
  return {
    name: def.name,
    source: 'builtin',
    description: def.description,
    argsSchema: z.toJSONSchema(def.args, { io: 'input', unrepresentable: 'any' }),
    example: def.example,
    // No built-in reads its children's results: skip the fetch on the hot path.
    readsChildren: false,
    run: (ctx, services) => {
      const parsed = def.args.safeParse(ctx.args ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.length ? `args.${issue.path.join('.')}` : 'args';
        throw new Error(`${def.name}: ${field}: ${issue?.message ?? 'invalid'}`);
      }
      return def.run({ ...ctx, args: parsed.data }, services);
    },
  };
}

/** Waits `ms`, ending early (with the signal's reason) when the job is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
