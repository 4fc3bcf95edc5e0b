import { z } from 'zod';
import { ApiError } from '../../../../shared/result';

/**
 * The fields a Celery 5.2 worker needs to survive a message (protocol §1.8, §8.5). A message missing one kills
 * the worker, and kombu restores it to the consuming end of the list, so it kills every restart: never push one.
 */
const Signature: z.ZodType = z.lazy(() =>
  z.object({
    task: z.string().min(1),
    args: z.array(z.unknown()),
    kwargs: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    subtask_type: z.enum(['chain', 'group', 'chord']).nullable(),
    immutable: z.boolean(),
  }),
);

const Embed = z
  .object({
    callbacks: z.array(Signature).nullable().optional(),
    errbacks: z.array(Signature).nullable().optional(),
    chain: z.array(Signature).nullable().optional(),
    chord: Signature.nullable().optional(),
  })
  .nullable();

const Body = z.tuple([z.array(z.unknown()), z.record(z.string(), z.unknown()), Embed]);

type Json = Record<string, unknown>;
/** The envelope, its headers, its properties and their delivery_info. */
type Parts = { e: Json; h: Json; p: Json; info: Json };
type Check = [path: string, ok: (m: Parts) => boolean, problem: string];

const isStr = (v: unknown): v is string => typeof v === 'string';
const isIso = (v: unknown): boolean => v === null || (isStr(v) && !Number.isNaN(Date.parse(v)));
const isLimit = (v: unknown): boolean => v === null || (typeof v === 'number' && v > 0);
const isIndex = (v: unknown): boolean => v === null || (Number.isInteger(v) && (v as number) >= 0);
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The envelope's required fields, checked by hand: this runs once per message, 100,000 times for copies. */
const CHECKS: Check[] = [
  ['body', ({ e }) => isStr(e.body) && /^[A-Za-z0-9+/]*={0,2}$/.test(e.body), 'must be base64'],
  ['content-type', ({ e }) => e['content-type'] === 'application/json', 'must be application/json'],
  ['content-encoding', ({ e }) => e['content-encoding'] === 'utf-8', 'must be utf-8'],
  ['headers.task', ({ h }) => isStr(h.task) && h.task.length > 0, 'required'],
  ['headers.id', ({ h }) => isStr(h.id) && h.id.length > 0, 'required'],
  ['headers.eta', ({ h }) => isIso(h.eta), 'not an ISO-8601 time'],
  ['headers.expires', ({ h }) => isIso(h.expires), 'not an ISO-8601 time'],
  [
    'headers.retries',
    ({ h }) => Number.isInteger(h.retries) && (h.retries as number) >= 0,
    'must be an integer ≥ 0',
  ],
  [
    'headers.timelimit',
    ({ h }) =>
      Array.isArray(h.timelimit) &&
      h.timelimit.length === 2 &&
      isLimit(h.timelimit[0]) &&
      isLimit(h.timelimit[1]),
    'must be [hard, soft]',
  ],
  ['headers.root_id', ({ h }) => isStr(h.root_id) && h.root_id.length > 0, 'required'],
  ['headers.parent_id', ({ h }) => h.parent_id === null || isStr(h.parent_id), 'must be an id or null'],
  ['headers.group', ({ h }) => h.group === null || isStr(h.group), 'must be an id or null'],
  ['headers.group_index', ({ h }) => isIndex(h.group_index), 'must be an integer ≥ 0 or null'],
  [
    'properties.correlation_id',
    ({ p }) => isStr(p.correlation_id) && p.correlation_id.length > 0,
    'required',
  ],
  ['properties.delivery_info.exchange', ({ info }) => isStr(info.exchange), 'required'],
  [
    'properties.delivery_info.routing_key',
    ({ info }) => isStr(info.routing_key) && info.routing_key.length > 0,
    'required',
  ],
  [
    'properties.priority',
    ({ p }) => Number.isInteger(p.priority) && (p.priority as number) >= 0 && (p.priority as number) <= 255,
    'must be 0..255',
  ],
  ['properties.body_encoding', ({ p }) => p.body_encoding === 'base64', 'must be base64'],
  ['properties.delivery_tag', ({ p }) => isStr(p.delivery_tag) && p.delivery_tag.length > 0, 'required'],
];

/** What is wrong with an envelope; a good one allocates no message text (copies run this once each). */
function envelopeProblems(e: Json): string[] {
  const h = rec(e.headers);
  const p = rec(e.properties);
  const parts: Parts = { e, h, p, info: rec(p.delivery_info) };
  const problems: string[] = [];
  for (const [path, ok, problem] of CHECKS) if (!ok(parts)) problems.push(`${path}: ${problem}`);
  return problems;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

/**
 * Checks the exact text about to be pushed; INVALID_INPUT with every problem otherwise. `checkedBodies` lets
 * copies that share one body (addCopies) have it decoded and checked once; each envelope is still checked.
 */
export function validateEncoded(text: string, checkedBodies?: Set<string>): void {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new ApiError('INVALID_INPUT', 'refused a Celery message: the envelope is not JSON');
  }
  const e = rec(envelope);
  const problems = envelopeProblems(e);
  if (problems.length)
    throw new ApiError('INVALID_INPUT', `refused a Celery message: ${problems.join('; ')}`);
  const encoded = e.body as string;
  if (checkedBodies?.has(encoded)) return;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw new ApiError('INVALID_INPUT', 'refused a Celery message: the body is not base64 of JSON');
  }
  const bodyCheck = Body.safeParse(body);
  if (!bodyCheck.success) {
    throw new ApiError('INVALID_INPUT', `refused a Celery message body: ${describe(bodyCheck.error)}`);
  }
  checkedBodies?.add(encoded);
}
