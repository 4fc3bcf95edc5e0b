import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LinkedTask } from '../../../../shared/contract/queues';
import type { TaskOptions } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import { pyRepr } from './repr';

/** A canvas signature as Celery serializes it; all six keys, or the worker fails the parent (protocol §1.5). */
export interface Signature {
  task: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  options: Record<string, unknown>;
  subtask_type: string | null;
  immutable: boolean;
}

export interface Embed {
  callbacks: Signature[] | null;
  errbacks: Signature[] | null;
  chain: Signature[] | null;
  chord: Signature | null;
}

export type CeleryBody = [unknown[], Record<string, unknown>, Embed];

/** The envelope kombu LPUSHes, with the body still decoded (it is base64-encoded when pushed). */
export interface CeleryMessage {
  body: CeleryBody;
  headers: Record<string, unknown> & { task: string; id: string };
  properties: Record<string, unknown> & { priority: number; delivery_tag: string };
}

/** What one message is made from: the task, its place in a canvas, and its options. */
export interface MessagePlan {
  task: string;
  id?: string;
  queue: string;
  args: unknown;
  kwargs?: Record<string, unknown>;
  options?: TaskOptions;
  link?: LinkedTask[];
  linkError?: LinkedTask[];
  group?: { id: string; index: number | null };
  rootId?: string;
  parentId?: string | null;
  chain?: Signature[];
  chord?: Signature;
}

const ORIGIN = `queuedesk@${hostname()}`;

/** Celery's args are a list; null means none. */
export function celeryArgs(args: unknown): unknown[] {
  if (args === null || args === undefined) return [];
  if (!Array.isArray(args)) {
    throw new ApiError(
      'INVALID_INPUT',
      'Celery args must be a JSON list (positional arguments); use kwargs for names',
    );
  }
  return args;
}

export function signature(task: LinkedTask, queue: string, id?: string): Signature {
  const options: Record<string, unknown> = { queue: task.queue ?? queue };
  if (id) Object.assign(options, { task_id: id, reply_to: '' });
  return {
    task: task.task,
    args: task.args,
    kwargs: task.kwargs,
    options,
    subtask_type: null,
    immutable: task.immutable,
  };
}

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** ETA and expiry as Celery headers; expiry counts from when the task is due, as TaskOptions.expiresMs says. */
function timing(options: TaskOptions, now: number): { eta: string | null; expires: string | null } {
  let due: number | null = null;
  if (options.delayMs !== undefined) due = now + options.delayMs;
  if (options.eta !== undefined) due = Date.parse(options.eta);
  const eta = due === null ? null : isoAt(due);
  const expires = options.expiresMs === undefined ? null : isoAt((due ?? now) + options.expiresMs);
  return { eta, expires };
}

/** A protocol-v2 task message (celery/app/amqp.py as_task_v2), as a Celery 5.x worker expects it. */
export function buildMessage(plan: MessagePlan, now = Date.now()): CeleryMessage {
  const options = plan.options ?? {};
  const id = plan.id ?? options.jobId ?? randomUUID();
  const args = celeryArgs(plan.args);
  const kwargs = plan.kwargs ?? {};
  const { eta, expires } = timing(options, now);
  const priority = options.priority === undefined ? 0 : Math.min(255, options.priority - 1);
  const embed: Embed = {
    callbacks: plan.link?.map((l) => signature(l, plan.queue)) ?? null,
    errbacks: plan.linkError?.map((l) => signature(l, plan.queue)) ?? null,
    chain: plan.chain ?? null,
    chord: plan.chord ?? null,
  };
  const properties: CeleryMessage['properties'] = {
    correlation_id: id,
    reply_to: '',
    delivery_mode: 2,
    delivery_info: { exchange: '', routing_key: plan.queue },
    priority,
    body_encoding: 'base64',
    delivery_tag: randomUUID(),
  };
  if (expires) properties.expiration = String(Math.max(0, Date.parse(expires) - now));
  return {
    body: [args, kwargs, embed],
    headers: {
      lang: 'py',
      task: plan.task,
      id,
      shadow: null,
      eta,
      expires,
      group: plan.group?.id ?? null,
      group_index: plan.group?.index ?? null,
      retries: 0,
      timelimit: [options.timeLimitSec ?? null, options.softTimeLimitSec ?? null],
      root_id: plan.rootId ?? id,
      parent_id: plan.parentId ?? null,
      argsrepr: pyRepr(args),
      kwargsrepr: pyRepr(kwargs),
      origin: ORIGIN,
      ignore_result: false,
    },
    properties,
  };
}

/** Encoded bodies by body object: copies share one body, so it is serialized once. */
const encodedBodies = new WeakMap<CeleryBody, string>();

/** The JSON text kombu pushes: the body base64 of its UTF-8 JSON. */
export function encodeMessage(message: CeleryMessage): string {
  let body = encodedBodies.get(message.body);
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(message.body), 'utf8').toString('base64');
    encodedBodies.set(message.body, body);
  }
  return JSON.stringify({
    body,
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: message.headers,
    properties: message.properties,
  });
}

/** Another copy of a message under its own id (addCopies): same body object, fresh delivery tag. */
export function copyAs(template: CeleryMessage, id: string): CeleryMessage {
  return {
    body: template.body,
    headers: { ...template.headers, id, root_id: id },
    properties: { ...template.properties, correlation_id: id, delivery_tag: randomUUID() },
  };
}

/** The same message sent again as a new task: fresh id, delivery tag and retries (QueueDesk's retry). */
export function resendAs(message: CeleryMessage, id: string = randomUUID()): CeleryMessage {
  return {
    body: message.body,
    headers: { ...message.headers, id, root_id: id, parent_id: null, retries: 0, eta: null, expires: null },
    properties: { ...withoutExpiration(message.properties), correlation_id: id, delivery_tag: randomUUID() },
  };
}

function withoutExpiration(properties: CeleryMessage['properties']): CeleryMessage['properties'] {
  const { expiration: _dropped, ...rest } = properties;
  return rest;
}
