import { z } from 'zod';
import { ApiError } from '../../../../shared/result';

/**
 * The fields a Celery 5.2 worker needs to survive a message (protocol §1.8, §8.5). A message missing one kills
 * the worker, and kombu restores it to the consuming end of the list, so it kills every restart: never push one.
 */
const Iso = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 time')
  .nullable();

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

const Envelope = z.object({
  body: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'body must be base64'),
  'content-type': z.literal('application/json'),
  'content-encoding': z.literal('utf-8'),
  headers: z.object({
    task: z.string().min(1),
    id: z.string().min(1),
    eta: Iso,
    expires: Iso,
    retries: z.number().int().min(0),
    timelimit: z.tuple([z.number().positive().nullable(), z.number().positive().nullable()]),
    root_id: z.string().min(1),
    parent_id: z.string().nullable(),
    group: z.string().nullable(),
    group_index: z.number().int().min(0).nullable(),
  }),
  properties: z.object({
    correlation_id: z.string().min(1),
    delivery_info: z.object({ exchange: z.string(), routing_key: z.string().min(1) }),
    priority: z.number().int().min(0).max(255),
    body_encoding: z.literal('base64'),
    delivery_tag: z.string().min(1),
  }),
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

/** Checks the exact text about to be pushed; INVALID_INPUT with every problem otherwise. */
export function validateEncoded(text: string): void {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new ApiError('INVALID_INPUT', 'refused a Celery message: the envelope is not JSON');
  }
  const checked = Envelope.safeParse(envelope);
  if (!checked.success) throw new ApiError('INVALID_INPUT', `refused a Celery message: ${describe(checked.error)}`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(checked.data.body, 'base64').toString('utf8'));
  } catch {
    throw new ApiError('INVALID_INPUT', 'refused a Celery message: the body is not base64 of JSON');
  }
  const bodyCheck = Body.safeParse(body);
  if (!bodyCheck.success) {
    throw new ApiError('INVALID_INPUT', `refused a Celery message body: ${describe(bodyCheck.error)}`);
  }
}
