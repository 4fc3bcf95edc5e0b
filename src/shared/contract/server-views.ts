import { z } from 'zod';
import { HostPort, NodePick } from './connection-topology';
import { type } from './define';

/** QueueDesk names every connection it opens with this prefix (CLIENT SETNAME), so it can tell its own. */
export const OWN_CLIENT_PREFIX = 'queuedesk';

export interface SlowlogEntry {
  id: number;
  /** Epoch ms when the command ran. */
  at: number;
  durationMicros: number;
  /** The arguments as the server kept them (it cuts past 32 arguments and 128 bytes each), each capped again. */
  args: string[];
  /** The command as one line, quoted like redis-cli, capped for display. */
  command: string;
  clientAddr: string;
  clientName: string;
  /** The node that logged it, on a cluster. */
  node?: string;
}

export interface SlowlogView {
  entries: SlowlogEntry[];
  /** SLOWLOG LEN: entries kept, of which `entries` are the newest. */
  length: number;
  /** Commands slower than this (µs) are logged; -1 = never, 0 = every command. */
  slowerThanMicros: number;
  maxLen: number;
}

export interface LatencyEvent {
  name: string;
  /** Epoch ms of the latest spike. */
  lastAt: number;
  latestMs: number;
  maxMs: number;
  /** LATENCY HISTORY: up to 160 spikes, oldest first. */
  history: Array<{ at: number; ms: number }>;
}

export interface LatencyView {
  /** latency-monitor-threshold in ms; 0 = the monitor is off and nothing is recorded. */
  thresholdMs: number;
  events: LatencyEvent[];
}

export interface ClientRow {
  id: string;
  addr: string;
  name: string;
  ageSec: number;
  idleSec: number;
  db: number;
  /** The last command ("client|list" for subcommands). */
  cmd: string;
  flags: string;
  totMem: number;
  omem: number;
  /** Named by QueueDesk (this app, its workers, console and profiler). */
  own: boolean;
  /** Every field CLIENT LIST gave, as text. */
  raw: Record<string, string>;
  /** The node the client is connected to, on a cluster. */
  node?: string;
}

export interface InfoField {
  name: string;
  value: string;
  /** One line on what it means, for the well-known fields; absent for the rest. */
  meaning?: string;
}

export interface InfoSection {
  name: string;
  fields: InfoField[];
}

export interface ConfigSetting {
  name: string;
  value: string;
  editable: boolean;
  /** For editable settings: what values are accepted. For the rest: why QueueDesk leaves it read-only. */
  note: string;
  /** The accepted values when they are a fixed list (maxmemory-policy…). */
  choices?: string[];
}

export interface ProfilerLine {
  /** Epoch ms (MONITOR gives µs; kept as a fraction). */
  at: number;
  db: number;
  /** Client address, "lua" for scripts, "unix:…" for sockets. */
  addr: string;
  /** The client's name when known (from CLIENT LIST). */
  clientName: string;
  own: boolean;
  /** The command line as MONITOR printed it, capped. */
  command: string;
  /** On a cluster: the node ("host:port") that ran it. */
  node?: string;
}

/** `redis-memory`: Redis was holding too much of the profiler's output (it reads slower than Redis writes). */
export type ProfilerStopReason = 'time' | 'user' | 'replaced' | 'connection' | 'redis-memory';

export interface ProfilerStatus {
  profilerId: string;
  startedAt: number;
  endsAt: number;
  excludeOwn: boolean;
}

export interface ProfilerLinesEvent {
  profilerId: string;
  lines: ProfilerLine[];
  /** Totals since the start: every line MONITOR gave, those dropped by the rate cap, QueueDesk's own hidden. */
  received: number;
  dropped: number;
  ownHidden: number;
  /** Set on the last batch. */
  stopped?: ProfilerStopReason;
  /** With `stopped`, when the reason needs figures: "Redis was buffering 33 MB for the profiler; …". */
  stopDetail?: string;
}

/** The longest profiler run a user may ask for: MONITOR costs the server on every command. */
export const PROFILER_MAX_SECONDS = 300;

/** One node of a cluster ("host:port"), or every primary merged ("primaries"); left out on one server. */
const NodeOrPrimaries = z.object({ node: z.union([HostPort, z.literal('primaries')]).optional() });

const ProfilerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only');

export const serverViewsMethods = {
  /** SLOWLOG GET (newest first) with the two settings that drive it. */
  'server.slowlog': {
    input: z
      .object({ limit: z.number().int().min(1).max(10_000).default(128) })
      .extend(NodeOrPrimaries.shape)
      .strict(),
    output: type<SlowlogView>(),
  },
  /** SLOWLOG RESET: destroys the log, so it needs `confirm: true`. */
  'server.slowlogReset': {
    input: z.object({ confirm: z.boolean().optional() }).extend(NodePick.shape).strict(),
    output: type<{ cleared: number }>(),
  },
  /** LATENCY LATEST and each event's LATENCY HISTORY, with the monitor's threshold. */
  'server.latency': { input: NodePick.strict(), output: type<LatencyView>() },
  /** LATENCY RESET (of some events, or all): destroys the samples, so it needs `confirm: true`. */
  'server.latencyReset': {
    input: z
      .object({
        events: z.array(z.string().min(1).max(100)).max(100).optional(),
        confirm: z.boolean().optional(),
      })
      .extend(NodePick.shape)
      .strict(),
    output: type<{ reset: number }>(),
  },
  /** CLIENT LIST, parsed; QueueDesk's own connections carry `own`. */
  'server.clients': { input: NodeOrPrimaries.strict(), output: type<{ clients: ClientRow[] }>() },
  /** CLIENT KILL ID: needs `confirm: true`; the refusal says when the connection is one of QueueDesk's own. */
  'server.clientKill': {
    input: z
      .object({ id: z.string().regex(/^\d{1,20}$/, 'a client id (digits)'), confirm: z.boolean().optional() })
      .extend(NodePick.shape)
      .strict(),
    output: type<{ killed: number; own: boolean }>(),
  },
  /** INFO everything, by section, with a one-line meaning for the well-known fields. */
  'server.infoSections': { input: NodePick.strict(), output: type<{ sections: InfoSection[] }>() },
  /** CONFIG GET (match, default every setting), each marked editable or read-only with why. */
  'server.config': {
    input: z
      .object({ match: z.string().min(1).max(200).optional() })
      .extend(NodePick.shape)
      .strict(),
    output: type<{ settings: ConfigSetting[] }>(),
  },
  /** CONFIG SET of one setting from QueueDesk's safe list, validated first; returns what the server now has. */
  'server.configSet': {
    input: z
      .object({ name: z.string().min(1).max(200), value: z.string().max(10_000) })
      .extend(NodePick.shape)
      .strict(),
    output: type<ConfigSetting>(),
  },
  /**
   * MONITOR on a connection of its own, streamed as batched `server.profilerLines`; stops by itself after
   * `seconds`. Starting again stops the one running. MONITOR slows Redis down while it runs.
   */
  'server.profilerStart': {
    input: z
      .object({
        seconds: z.number().int().min(1).max(PROFILER_MAX_SECONDS).default(30),
        excludeOwn: z.boolean().default(true),
        profilerId: ProfilerId.optional(),
      })
      // On a cluster: one node ("host:port") to watch; left out, every primary at once.
      .extend(NodePick.shape)
      .strict(),
    output: type<ProfilerStatus>(),
  },
  'server.profilerStop': {
    input: z.object({ profilerId: ProfilerId.optional() }).strict(),
    output: type<{ stopped: number }>(),
  },
};

export const serverViewsEvents = {
  'server.profilerLines': type<ProfilerLinesEvent>(),
};
