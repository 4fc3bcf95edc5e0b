import { z } from 'zod';
import { type } from './define';
import { ByteEncoding, KeyRefInput, type KeyValue } from './keys';

/** The most elements one call returns, and the most one HSCAN/SSCAN/ZSCAN step may visit (its COUNT). */
export const MAX_INSIDE_ROWS = 5_000;
export const MAX_SCAN_STEP = 10_000;

/** A ZRANGE BYSCORE bound: a number, `-inf`/`+inf`, `(` in front for an exclusive one. */
export const SCORE_BOUND = /^\(?([-+]?inf|[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?)$/i;
const ScoreBound = z.string().regex(SCORE_BOUND, 'must be a score, -inf, +inf or (score');
/** An XRANGE bound: `-`, `+`, a ms-timestamp or a full id, `(` in front for an exclusive one. */
const StreamBound = z.string().regex(/^(-|\+|\(?\d{1,20}(-\d{1,20})?)$/, 'must be -, +, an id or (id');

/** A slice of a collection read inside it; `nextCursor` continues the same query, null when there is no more. */
export interface InsidePage {
  /** Elements in the whole key now (HLEN, LLEN, …). */
  size: number;
  value: KeyValue;
  nextCursor: string | null;
  /** Elements the query matches in all (ZCOUNT for a score range); null where Redis cannot tell cheaply. */
  matched: number | null;
  /** For a MATCH scan: about how many elements the scan has visited so far (from the cursor), of `size`. */
  scanned?: number;
}

/**
 * Reading inside big keys: a MATCH filter run by Redis itself, a list from any index, a sorted set by
 * score, a stream by id or time. Every call does a bounded amount of work on the server.
 */
export const keysInsideMethods = {
  /**
   * HSCAN/SSCAN/ZSCAN with MATCH from `cursor`, steps of COUNT `count`, repeated until `limit` matches,
   * the end, or a short time budget; the reply's cursor goes on from there.
   */
  'keys.scanMembers': {
    input: KeyRefInput.extend({
      match: z.string().min(1).max(10_000),
      matchEncoding: ByteEncoding.optional(),
      cursor: z
        .string()
        .regex(/^\d{1,20}$/, 'must be a scan cursor')
        .optional(),
      count: z.number().int().min(1).max(MAX_SCAN_STEP).optional(),
      limit: z.number().int().min(1).max(MAX_INSIDE_ROWS).optional(),
    }).strict(),
    output: type<InsidePage>(),
  },
  /** LRANGE start..stop (negative = from the end, as Redis counts); items carry their index from the head. */
  'keys.listRange': {
    input: KeyRefInput.extend({ start: z.number().int(), stop: z.number().int() }).strict(),
    output: type<InsidePage>(),
  },
  /** ZRANGE min max BYSCORE LIMIT offset count WITHSCORES (REV: from max down). */
  'keys.zrangeByScore': {
    input: KeyRefInput.extend({
      min: ScoreBound,
      max: ScoreBound,
      offset: z.number().int().min(0).optional(),
      count: z.number().int().min(1).max(MAX_INSIDE_ROWS).optional(),
      reverse: z.boolean().optional(),
    }).strict(),
    output: type<InsidePage>(),
  },
  /** XRANGE start end COUNT count, or XREVRANGE (newest first); a bare ms-timestamp is a time. */
  'keys.streamRange': {
    input: KeyRefInput.extend({
      start: StreamBound,
      end: StreamBound,
      count: z.number().int().min(1).max(MAX_INSIDE_ROWS).optional(),
      reverse: z.boolean().optional(),
    }).strict(),
    output: type<InsidePage>(),
  },
};
