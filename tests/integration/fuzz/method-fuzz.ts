import fc from 'fast-check';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { methods, type MethodName } from '../../../src/shared/contract';
import { ERROR_CODES } from '../../../src/shared/result';
import { hostileValue } from './hostile';
import { keyspaceChanges, keyspaceDigest } from './keyspace';
import { nearValid } from './mutate';
import { inputSchema, schemaArbitrary } from './schema-arbitrary';

/**
 * Methods whose VALID inputs are not sent (their invalid ones are): each would change what the rest of the
 * run stands on, so no later case could be judged.
 */
export const VALID_EXCLUDED: Partial<Record<MethodName, string>> = {
  'connection.connect':
    'points the host at another Redis (or starts an embedded one): later cases would not test this one',
  'connection.disconnect': 'leaves the host without Redis: every later case would only see NOT_CONNECTED',
  'workers.start':
    'forks worker processes that keep writing to Redis on their own, so no before/after digest holds',
  'beat.start':
    'forks a beat process that keeps writing to Redis on its own, so no before/after digest holds',
  'server.configSet':
    'changes the server every later case runs on (a maxmemory of 1m makes their writes fail with OOM)',
  'server.clientKill': "kills the host's own connections (ids are small numbers), which later cases then wait on",
  'keys.export': 'a valid call writes a file at the path it names: the run would write anywhere on this disk',
};

/** A number field whose valid values are capped in the run to keep it short; the full range is the benchmarks'. */
const NARROWED: Partial<Record<MethodName, { field: string; max: number }>> = {
  'jobs.addCopies': { field: 'count', max: 200 }, // the contract allows 1,000,000 copies
};

export type Call = (method: string, params: unknown) => Promise<unknown>;

export interface FuzzRun {
  call: Call;
  redis: Redis;
  /** Called before every case, outside its before/after window: may reset the keyspace to its seed. */
  beforeCase(): Promise<void>;
  /** Values for JSON transports: no undefined, NaN, BigInt… (what structured clone carries but JSON does not). */
  jsonOnly: boolean;
  numRuns: number;
  dictionary: readonly string[];
  stats: FuzzStats;
}

export interface FuzzStats {
  cases: number;
  accepted: number;
  rejected: number;
  skippedValid: number;
  /** Rejections by error code. */
  codes: Record<string, number>;
  slowest: { method: string; ms: number };
  /** Time spent in calls, per method. */
  msByMethod: Record<string, number>;
}

export function newStats(): FuzzStats {
  return {
    cases: 0,
    accepted: 0,
    rejected: 0,
    skippedValid: 0,
    codes: {},
    slowest: { method: '', ms: 0 },
    msByMethod: {},
  };
}

const CALL_TIMEOUT_MS = 20_000;
const FORBIDDEN_CODES = new Set(['INTERNAL']);
const PROTO_SNAPSHOT = Object.getOwnPropertyNames(Object.prototype).sort().join();

function roundTrip(v: unknown): unknown {
  const text = JSON.stringify(v);
  return text === undefined ? null : JSON.parse(text);
}

function paramsArbitrary(method: MethodName, run: FuzzRun): fc.Arbitrary<unknown> {
  const zodSchema = methods[method].input as z.ZodType;
  const schema = inputSchema(zodSchema);
  const narrowed = NARROWED[method];
  const validSchema = structuredClone(schema);
  const field = narrowed && validSchema.properties?.[narrowed.field];
  if (narrowed && field) field.maximum = narrowed.max;
  const opts = { dictionary: run.dictionary };
  const valid = schemaArbitrary(validSchema, { ...opts, mode: 'valid', root: validSchema });
  const edgy = schemaArbitrary(schema, { ...opts, mode: 'edgy', root: schema });
  let params = fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: edgy, weight: 3 },
    { arbitrary: nearValid(valid, run.jsonOnly), weight: 3 },
    { arbitrary: hostileValue(run.jsonOnly), weight: 1 },
  );
  if (run.jsonOnly) params = params.map(roundTrip);
  const skip = (p: unknown): boolean => {
    if (!zodSchema.safeParse(p ?? {}).success) return false;
    if (VALID_EXCLUDED[method]) return true;
    const n = narrowed && (p as Record<string, unknown>)[narrowed.field];
    return typeof n === 'number' && n > (narrowed as { max: number }).max;
  };
  if (VALID_EXCLUDED[method] || narrowed) {
    params = params.filter((p) => {
      if (!skip(p)) return true;
      run.stats.skippedValid++;
      return false;
    });
  }
  return params;
}

function short(v: unknown, max = 1500): string {
  let text: string;
  try {
    text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** What every answer must be: an envelope, and a rejection with a code that is not INTERNAL. */
function envelopeProblem(reply: unknown): string | null {
  if (!reply || typeof reply !== 'object') return 'no envelope';
  const r = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'data' in r ? null : 'ok without data';
  if (r.ok !== false || !r.error) return 'neither ok nor error';
  const { code, message } = r.error;
  if (typeof code !== 'string' || !(ERROR_CODES as readonly string[]).includes(code))
    return `unknown code ${String(code)}`;
  if (typeof message !== 'string') return 'error without message';
  if (FORBIDDEN_CODES.has(code)) return `internal error: ${message}`;
  return null;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Drives one method with generated inputs; throws a short report of the first failing input. */
export async function fuzzMethod(method: MethodName, run: FuzzRun): Promise<void> {
  const property = fc.asyncProperty(paramsArbitrary(method, run), async (params) => {
    await run.beforeCase();
    // Keys that may expire before this case is judged are left out of both digests.
    const volatileUntil = Date.now() + CALL_TIMEOUT_MS + 5000;
    const start = await keyspaceDigest(run.redis, volatileUntil);
    const t0 = performance.now();
    const reply = await withTimeout(run.call(method, params), CALL_TIMEOUT_MS);
    const ms = performance.now() - t0;
    run.stats.cases++;
    if (ms > run.stats.slowest.ms) run.stats.slowest = { method, ms };
    run.stats.msByMethod[method] = (run.stats.msByMethod[method] ?? 0) + ms;
    const problem = envelopeProblem(reply);
    if (problem) throw new Error(`${problem}; reply ${short(reply, 400)}`);
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTO_SNAPSHOT) {
      throw new Error('Object.prototype was changed');
    }
    if ((reply as { ok: boolean }).ok) {
      run.stats.accepted++;
      return;
    }
    run.stats.rejected++;
    const code = (reply as { error: { code: string } }).error.code;
    run.stats.codes[code] = (run.stats.codes[code] ?? 0) + 1;
    const after = await keyspaceDigest(run.redis, volatileUntil);
    if (after.digest !== start.digest) {
      const what = keyspaceChanges(start, after).join('; ');
      throw new Error(
        `rejected (${short(reply, 300)}) but Redis changed: ${start.keys} → ${after.keys} keys: ${what}`,
      );
    }
  });
  const details = await fc.check(property, { numRuns: run.numRuns });
  if (details.failed) {
    const input = details.counterexample ? short(details.counterexample[0]) : '?';
    const why =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `${method} failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexample ? details.counterexamplePath : ''}"): ${why}\n  params: ${input}`,
    );
  }
}
