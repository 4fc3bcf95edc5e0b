import { z } from 'zod';
import { type } from './define';

/** Non-UTF-8 bytes travel as base64 with a sibling `…Encoding: "base64"` field. */
export const ByteEncoding = z.enum(['base64']);

export const REDIS_TYPES = ['string', 'hash', 'list', 'set', 'zset', 'stream'] as const;
export const RedisType = z.enum(REDIS_TYPES);
export type RedisType = z.infer<typeof RedisType>;

const KeyRef = z.object({ key: z.string().min(1), keyEncoding: ByteEncoding.optional() }).strict();
export type KeyRef = z.infer<typeof KeyRef>;

/** A byte string field: `value` plus its optional encoding flag. */
const Bytes = z.object({ value: z.string(), valueEncoding: ByteEncoding.optional() }).strict();
export type Bytes = z.infer<typeof Bytes>;

const FieldValue = z
  .object({
    field: z.string(),
    fieldEncoding: ByteEncoding.optional(),
    value: z.string(),
    valueEncoding: ByteEncoding.optional(),
  })
  .strict();
export type FieldValue = z.infer<typeof FieldValue>;

const ZMember = z
  .object({ member: z.string(), memberEncoding: ByteEncoding.optional(), score: z.number() })
  .strict();

const ScanFilter = {
  match: z.string().max(10_000).optional(),
  matchEncoding: ByteEncoding.optional(),
  /** Redis type name for SCAN … TYPE (module types are allowed too). */
  type: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a Redis type name')
    .optional(),
};

/** One row of the key list. `ttlMs` −1 = no expiry, −2 = gone between SCAN and the lookup. */
export interface KeyRow {
  key: string;
  keyEncoding?: 'base64';
  type: string;
  ttlMs: number;
  /** On a Redis Cluster: the key's hash slot and the primary ("host:port") that holds it. */
  slot?: number;
  node?: string;
}

export interface ScanPage {
  cursor: string;
  keys: KeyRow[];
}

export interface ScanAllEvent {
  scanId: string;
  keys: KeyRow[];
  /** Keys delivered so far (including this batch) and DBSIZE when the scan started. */
  seen: number;
  total: number;
  /** Share of the keyspace walked so far, 0..1 (right even when a filter makes seen ≪ total). */
  progress: number;
  done: boolean;
  stopped?: boolean;
  error?: string;
  /** Times the walk lost Redis and went on from its cursor once the connection was back. */
  resumes?: number;
  /**
   * Times it began again from the start because Redis itself had restarted meanwhile (a cursor means nothing to
   * a new server): keys already delivered come again.
   */
  restarts?: number;
  /** On a Redis Cluster: each primary's walk (its DBSIZE when the scan started, keys delivered, done). */
  nodes?: NodeScanProgress[];
}

export interface NodeScanProgress {
  node: string;
  total: number;
  seen: number;
  done: boolean;
}

export interface DeleteProgressEvent {
  opId: string;
  scanned: number;
  deleted: number;
  done: boolean;
  error?: string;
}

export interface ValueItem {
  value: string;
  valueEncoding?: 'base64';
}
export interface ListItem extends ValueItem {
  index: number;
}
export interface ZsetItem {
  member: string;
  memberEncoding?: 'base64';
  score: number;
}
export interface StreamEntry {
  id: string;
  fields: FieldValue[];
}
export interface StreamGroup {
  name: string;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  lag: number | null;
}

/** A BullMQ job hash recognised by its fields, with its state looked up in the queue's sets. */
export interface BullJobInfo {
  queue: string;
  prefix: string;
  id: string;
  name: string;
  state: string;
  data: unknown;
  opts: unknown;
  fields: Record<string, string>;
}

export type KeyValue =
  | { kind: 'string'; value: string; valueEncoding?: 'base64'; length: number; truncated: boolean }
  | { kind: 'hash'; entries: FieldValue[]; bullJob?: BullJobInfo }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'set'; members: ValueItem[] }
  | { kind: 'zset'; members: ZsetItem[] }
  | { kind: 'stream'; entries: StreamEntry[]; groups: StreamGroup[] }
  | { kind: 'raw'; dump: string; dumpEncoding: 'base64' };

export interface KeyDetails {
  key: string;
  keyEncoding?: 'base64';
  type: string;
  ttlMs: number;
  /** Bytes for a string, element count for collections. */
  size: number;
  value: KeyValue;
  /** Where the next page starts (HSCAN/SSCAN cursor, list/zset offset, stream id); null on the last page. */
  nextCursor: string | null;
}

const PageParams = {
  /** List and sorted-set offset. */
  offset: z.number().int().min(0).optional(),
  /** HSCAN/SSCAN cursor, or the stream id to continue after. */
  cursor: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
  /** String preview cap; 0 = whole value. */
  maxBytes: z.number().int().min(0).optional(),
};

const TtlInput = z.union([
  KeyRef.extend({
    ttlMs: z
      .number()
      .int()
      .min(1)
      .max(2 ** 50),
  }).strict(),
  KeyRef.extend({ persist: z.literal(true) }).strict(),
  KeyRef.extend({ expireAt: z.number().int().min(1) }).strict(),
]);

/** One variant of `keys.create`: the type, an optional TTL and the key's first contents. */
const created = <T extends RedisType, S extends z.ZodRawShape>(t: T, shape: S) =>
  KeyRef.extend({ type: z.literal(t), ttlMs: z.number().int().min(1).optional(), ...shape });

const CreateInput = z.discriminatedUnion('type', [
  created('string', Bytes.shape),
  created('hash', { fields: z.array(FieldValue).min(1).max(5_000) }),
  created('list', { items: z.array(Bytes).min(1).max(5_000) }),
  created('set', { members: z.array(Bytes).min(1).max(5_000) }),
  created('zset', { members: z.array(ZMember).min(1).max(5_000) }),
  created('stream', { fields: z.array(FieldValue).min(1).max(5_000) }),
]);
export type CreateKeyInput = z.infer<typeof CreateInput>;

const Ok = type<{ ok: true }>();

export const keysMethods = {
  'keys.scan': {
    input: z
      .object({
        ...ScanFilter,
        // On a cluster `<primary index>:<cursor>`.
        cursor: z
          .string()
          .regex(/^(\d+:)?\d+$/, 'must be a SCAN cursor')
          .optional(),
        count: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    output: type<ScanPage>(),
  },
  /**
   * Streams every matching key as batched `keys.scanBatch` events; returns at once. `share` caps the walk's
   * part of Redis's time (a duty cycle; 0.1 by default, 1 = unpaced); a `count` given is kept, else COUNT is
   * sized so each page takes Redis about 1 ms.
   */
  'keys.scanAll': {
    input: z
      .object({
        ...ScanFilter,
        count: z.number().int().min(1).max(10_000).optional(),
        share: z.number().min(0.01).max(1).optional(),
      })
      .strict(),
    output: type<{ scanId: string; total: number }>(),
  },
  /** Speeds up (or slows down) a paced walk as it runs: "scan all now". */
  'keys.scanPace': {
    input: z.object({ scanId: z.string().min(1), share: z.number().min(0.01).max(0.5) }).strict(),
    output: type<{ paced: boolean }>(),
  },
  'keys.scanStop': {
    input: z.object({ scanId: z.string().min(1) }).strict(),
    output: type<{ stopped: boolean }>(),
  },
  'keys.get': { input: KeyRef.extend(PageParams).strict(), output: type<KeyDetails>() },
  /** MEMORY USAGE for many keys in one pipelined call; null where the key is gone. */
  'keys.memory': {
    input: z.object({ keys: z.array(KeyRef).min(1).max(5_000) }).strict(),
    output: type<{ bytes: Array<number | null> }>(),
  },
  'keys.setTtl': { input: TtlInput, output: type<{ ttlMs: number }>() },
  /** Keys as plain names (UTF-8) or as `{key, keyEncoding}` for any bytes. */
  'keys.delete': {
    input: z
      .object({
        keys: z
          .array(z.union([z.string().min(1), KeyRef]))
          .min(1)
          .max(100_000),
      })
      .strict(),
    output: type<{ deleted: number }>(),
  },
  'keys.countPattern': {
    input: z.object({ ...ScanFilter, match: z.string().min(1).max(10_000) }).strict(),
    output: type<{ count: number }>(),
  },
  /** Deletes every match in batches, with `keys.deleteProgress` events; resolves when done. */
  'keys.deletePattern': {
    input: z
      .object({
        ...ScanFilter,
        match: z.string().min(1).max(10_000),
        opId: z.string().min(1).max(100),
        /** Required when the pattern matches everything (`*`): the number of keys it matches now. */
        confirm: z.number().int().min(0).optional(),
      })
      .strict(),
    output: type<{ deleted: number }>(),
  },
  'keys.create': { input: CreateInput, output: Ok },
  'keys.rename': {
    input: KeyRef.extend({
      newKey: z.string().min(1),
      newKeyEncoding: ByteEncoding.optional(),
    }).strict(),
    output: Ok,
  },
  'keys.setString': { input: KeyRef.extend(Bytes.shape).strict(), output: Ok },
  'keys.hashSet': {
    input: KeyRef.extend({
      ...FieldValue.shape,
      /** When editing a field's name: the old name, removed in the same step. */
      oldField: z.string().optional(),
      oldFieldEncoding: ByteEncoding.optional(),
    }).strict(),
    output: Ok,
  },
  'keys.hashDelete': {
    input: KeyRef.extend({ fields: z.array(Bytes).min(1).max(5_000) }).strict(),
    output: type<{ removed: number }>(),
  },
  'keys.listPush': {
    input: KeyRef.extend({ ...Bytes.shape, end: z.enum(['head', 'tail']) }).strict(),
    output: type<{ length: number }>(),
  },
  /** Sets item `index` only while it still holds `expected` (the value the user saw). */
  'keys.listSet': {
    input: KeyRef.extend({
      ...Bytes.shape,
      index: z.number().int(),
      expected: z.string(),
      expectedEncoding: ByteEncoding.optional(),
    }).strict(),
    output: Ok,
  },
  'keys.listRemove': {
    input: KeyRef.extend({
      index: z.number().int(),
      expected: z.string(),
      expectedEncoding: ByteEncoding.optional(),
    }).strict(),
    output: Ok,
  },
  'keys.setAdd': {
    input: KeyRef.extend({ members: z.array(Bytes).min(1).max(5_000) }).strict(),
    output: type<{ added: number }>(),
  },
  'keys.setRemove': {
    input: KeyRef.extend({ members: z.array(Bytes).min(1).max(5_000) }).strict(),
    output: type<{ removed: number }>(),
  },
  'keys.zsetAdd': { input: KeyRef.extend(ZMember.shape).strict(), output: Ok },
  'keys.zsetRemove': {
    input: KeyRef.extend({ members: z.array(Bytes).min(1).max(5_000) }).strict(),
    output: type<{ removed: number }>(),
  },
  'keys.streamAdd': {
    input: KeyRef.extend({
      id: z
        .string()
        .regex(/^(\*|\d+(-(\d+|\*))?)$/, 'must be * or a stream id')
        .optional(),
      fields: z.array(FieldValue).min(1).max(5_000),
    }).strict(),
    output: type<{ id: string }>(),
  },
  'keys.streamDelete': {
    input: KeyRef.extend({
      ids: z.array(z.string().regex(/^\d+-\d+$/, 'must be a stream id')).min(1),
    }).strict(),
    output: type<{ removed: number }>(),
  },
};

export const keysEvents = {
  'keys.scanBatch': type<ScanAllEvent>(),
  'keys.deleteProgress': type<DeleteProgressEvent>(),
};

/** The schemas other key contracts build on (keys-big.ts). */
export { KeyRef as KeyRefInput, Bytes as BytesInput };
