import type { Redis } from 'ioredis';
import type { BullJobInfo, FieldValue } from '../../shared/contract';

/** Where BullMQ keeps a job id for each state (sorted sets and lists under `<prefix>:<queue>:`). */
const ZSET_STATES = ['completed', 'failed', 'delayed', 'prioritized', 'waiting-children'] as const;
const LIST_STATES = ['active', 'wait', 'paused'] as const;

/** `bull:<queue>:<id>` (any prefix) holding BullMQ's job fields. */
export function looksLikeBullJob(key: string, fields: Map<string, string>): boolean {
  return /^.+:[^:]+:[^:]+$/.test(key) && fields.has('name') && fields.has('data') && fields.has('timestamp');
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function decodeBullJob(
  redis: Redis,
  key: string,
  entries: FieldValue[],
): Promise<BullJobInfo | undefined> {
  const fields = new Map(entries.filter((e) => !e.valueEncoding).map((e) => [e.field, e.value]));
  if (!looksLikeBullJob(key, fields)) return undefined;
  const idAt = key.lastIndexOf(':');
  const queueAt = key.lastIndexOf(':', idAt - 1);
  const id = key.slice(idAt + 1);
  const base = key.slice(0, idAt);
  const pipeline = redis.pipeline();
  for (const s of ZSET_STATES) pipeline.zscore(`${base}:${s}`, id);
  for (const s of LIST_STATES) pipeline.lpos(`${base}:${s}`, id);
  const replies = (await pipeline.exec()) ?? [];
  const states = [...ZSET_STATES, ...LIST_STATES];
  const hit = replies.findIndex(([err, v]) => !err && v !== null);
  return {
    prefix: key.slice(0, queueAt),
    queue: key.slice(queueAt + 1, idAt),
    id,
    name: fields.get('name') ?? '',
    state: hit >= 0 ? (states[hit] === 'wait' ? 'waiting' : states[hit]!) : 'unknown',
    data: parseJson(fields.get('data')),
    opts: parseJson(fields.get('opts')),
    fields: Object.fromEntries(fields),
  };
}
