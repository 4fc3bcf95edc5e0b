// Example task handlers. Each named export is a task of that name; the default export may map names with dots.
// A handler gets one context: args, jobId, attempt, progress(n), log(line), signal, previous, childResults.

interface TaskContext<A> {
  args: A;
  jobId: string;
  attempt: number;
  progress(value: number): Promise<void>;
  log(line: string): Promise<void>;
  signal: AbortSignal;
  previous: unknown;
  childResults: unknown[];
}

const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('aborted'))), {
      once: true,
    });
  });

/** Pretends to send an email; fails when the address has no "@" (try it to see a failed job). */
async function sendEmail(ctx: TaskContext<{ to: string; subject?: string }>): Promise<{ messageId: string }> {
  if (!ctx.args.to?.includes('@')) throw new Error(`not an email address: ${ctx.args.to}`);
  await ctx.log(`sending "${ctx.args.subject ?? '(no subject)'}" to ${ctx.args.to}`);
  await wait(100, ctx.signal);
  return { messageId: `${ctx.jobId}@example.test` };
}
sendEmail.description = 'Sends an email (simulated): args {to, subject?}';

/** Builds a report in steps, reporting progress. */
export async function buildReport(ctx: TaskContext<{ name: string; rows?: number }>): Promise<object> {
  const rows = ctx.args.rows ?? 100;
  for (let done = 0; done < rows; done += 20) {
    await wait(50, ctx.signal);
    await ctx.progress(Math.round(((done + 20) / rows) * 100));
  }
  return { report: ctx.args.name, rows, attempt: ctx.attempt };
}
buildReport.description = 'Builds a report with progress: args {name, rows?}';

/** A chord callback: adds up what every child returned. */
export function total(ctx: TaskContext<unknown>): number {
  return ctx.childResults.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
}
total.description = 'Sums the results of its children (use as a chord callback)';

export default {
  'email.send': sendEmail,
  'report.build': buildReport,
};
