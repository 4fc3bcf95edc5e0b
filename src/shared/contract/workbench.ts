import { z } from 'zod';
import { NodePick } from './connection-topology';
import { type } from './define';
import type { NodeScanProgress } from './keys';

/**
 * A Redis reply as a typed tree, one node per RESP3 type. Byte strings are text when valid UTF-8, otherwise
 * base64 with `valueEncoding: "base64"` (the API's one rule for bytes).
 */
export type RespReply =
  | { type: 'string'; value: string; valueEncoding?: 'base64' }
  | { type: 'status'; value: string }
  | { type: 'verbatim'; format: string; value: string; valueEncoding?: 'base64' }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number }
  /** Big numbers, and integers past 2^53, as their decimal text. */
  | { type: 'bignum'; value: string }
  /** As the server wrote it ("3.14", "inf", "-inf", "nan"). */
  | { type: 'double'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'nil' }
  | { type: 'array' | 'set' | 'push'; value: RespReply[] }
  | { type: 'map'; value: Array<{ key: RespReply; value: RespReply }> };

export interface ConsoleResult {
  line: string;
  reply: RespReply;
  ms: number;
  /** Set when the command was cancelled before it finished (blocking and streaming commands). */
  cancelled?: boolean;
  /** Replies a streaming command (SUBSCRIBE, MONITOR) produced; they also arrive as `console.stream` events. */
  streamed?: number;
  /** On a cluster: the node ("host:port") that answered. */
  node?: string;
}

export interface ConsoleRunResult {
  /** The last command's reply and the time all lines took. */
  reply: RespReply;
  ms: number;
  /** One entry per line, in order. */
  results: ConsoleResult[];
}

export interface CommandDoc {
  /** Upper case, subcommands with a space: "CONFIG SET". */
  name: string;
  summary: string;
  since?: string;
  group?: string;
  complexity?: string;
  /** The arguments as redis-cli prints them: "key [key ...] timeout". */
  syntax: string;
  /** Tokens the arguments accept (NX, EX, MATCH…), for completion. */
  tokens: string[];
}

export interface HistoryEntry {
  line: string;
  at: number;
}

export interface ConsoleStreamEvent {
  runId: string;
  replies: RespReply[];
  /** Replies that did not fit the cap of one batch and were dropped. */
  dropped: number;
}

/** Key counts and bytes of one slice of the keyspace (a namespace, a type, a TTL bucket). */
export interface AnalyzeTally {
  keys: number;
  bytes: number;
  /** Elements in collections; string lengths for strings. */
  elements: number;
}

export interface AnalyzeNamespace extends AnalyzeTally {
  /** The prefix including its trailing delimiter ("user:" or "user:session:"); "" = keys without one. */
  prefix: string;
  prefixEncoding?: 'base64';
  depth: number;
}

export interface AnalyzeKey {
  key: string;
  keyEncoding?: 'base64';
  type: string;
  bytes: number;
  elements: number;
  ttlMs: number;
}

export const TTL_BUCKETS = ['none', 'lt1m', 'lt1h', 'lt1d', 'later'] as const;
export type TtlBucket = (typeof TTL_BUCKETS)[number];

export interface AnalyzeReport {
  analysisId: string;
  match: string | null;
  delimiter: string;
  /** How sizes were measured: MEMORY USAGE with this many SAMPLES per collection (0 = every element). */
  memorySamples: number;
  totals: AnalyzeTally;
  /** Keys scanned that were gone before they could be measured. */
  vanished: number;
  byType: Array<AnalyzeTally & { type: string }>;
  namespaces: AnalyzeNamespace[];
  /** Namespaces past the cap were folded into their parent's count. */
  namespacesCapped: boolean;
  topByBytes: AnalyzeKey[];
  topByElements: AnalyzeKey[];
  ttl: Array<AnalyzeTally & { bucket: TtlBucket }>;
  expiresSoonest: AnalyzeKey[];
  /** INFO memory when the walk ended, to set the totals against (on a cluster, summed over the primaries). */
  info: { usedMemory: number; usedMemoryDataset: number | null; dbKeys: number };
  /** On a cluster: each primary's share of the totals and its DBSIZE. */
  nodes?: Array<{ node: string; keys: number; bytes: number; dbKeys: number }>;
  durationMs: number;
  /** The longest single Redis call the walk made, as we waited for it (round trip incl. queueing, ms). */
  longestCallMs: number;
  /** The longest single call by Redis' own clock (its duration inside the server, ms): what other clients wait. */
  longestServerMs: number;
  stopped: boolean;
}

export interface AnalyzeProgressEvent {
  analysisId: string;
  scanned: number;
  /** Share of the keyspace walked, 0..1. */
  progress: number;
  bytes: number;
  dbKeys: number;
  done: boolean;
  /** On a cluster: progress of each primary (all walked at once). */
  nodes?: NodeScanProgress[];
}

/** Ids the caller may choose for a run (so it can stop it or match its events). */
export const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only');

export const workbenchMethods = {
  /**
   * Runs one command a line on the console's own connection (blocking and streaming commands on one of their
   * own). Commands that destroy or stop things fail with CONFIRMATION_REQUIRED and the reason unless `confirm`.
   */
  'console.run': {
    input: z
      .object({
        line: z.string().min(1).max(1_000_000),
        confirm: z.boolean().optional(),
        /** Names the run so `console.cancel` can stop it while it waits. */
        runId: RunId.optional(),
      })
      // On a cluster: where commands without keys run (INFO, DBSIZE…); those with keys go to their slot's node.
      .extend(NodePick.shape)
      .strict(),
    output: type<ConsoleRunResult>(),
  },
  /** Stops a blocking or streaming command (or all of them when no runId). */
  'console.cancel': {
    input: z.object({ runId: RunId.optional() }).strict(),
    output: type<{ cancelled: number }>(),
  },
  /** The server's own COMMAND DOCS, flattened: names, one-line help, syntax and tokens. */
  'console.docs': { input: z.object({}).strict(), output: type<{ commands: CommandDoc[] }>() },
  /** Lines run before, newest first; kept across restarts. */
  'console.history': {
    input: z
      .object({
        query: z.string().max(1000).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: type<{ entries: HistoryEntry[] }>(),
  },
  'console.clearHistory': { input: z.object({}).strict(), output: type<{ ok: true }>() },
  /**
   * Memory analysis of the keyspace (or of `match`): one short script call per SCAN step measures its keys
   * (TYPE/PTTL/MEMORY USAGE/length) inside Redis, each call stopping past a couple of milliseconds. Progress goes out as `keys.analyzeProgress`; the report comes back here.
   */
  'keys.analyze': {
    input: z
      .object({
        match: z.string().min(1).max(10_000).optional(),
        delimiter: z.string().min(1).max(8).default(':'),
        top: z.number().int().min(1).max(1000).default(50),
        /** Namespace levels reported (like the key tree's depth). */
        depth: z.number().int().min(1).max(8).default(3),
        /** MEMORY USAGE SAMPLES: 5 is Redis' own default and O(1); 0 measures every element (slow on big keys). */
        samples: z.number().int().min(0).max(1000).default(5),
        analysisId: RunId.optional(),
        /** The most of each server's (each primary's) time the walk may take; 1, the default, is unpaced. */
        share: z.number().min(0.01).max(1).optional(),
      })
      .strict(),
    output: type<AnalyzeReport>(),
  },
  /** Stops an analysis (or all); its `keys.analyze` call returns the partial report with `stopped: true`. */
  'keys.analyzeStop': {
    input: z.object({ analysisId: RunId.optional() }).strict(),
    output: type<{ stopped: number }>(),
  },
};

export const workbenchEvents = {
  'console.stream': type<ConsoleStreamEvent>(),
  'keys.analyzeProgress': type<AnalyzeProgressEvent>(),
};
