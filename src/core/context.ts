import type { EventName, EventPayload, MethodName, ParsedParams, Result } from '../shared/contract';
import type { ConnectionManager } from './connection/manager';
import type { SavedConnections } from './connection/saved';
import type { ForkFn } from './supervisor/fork';

/** What every service gets from the host. */
export interface CoreContext {
  dataDir: string;
  connection: ConnectionManager;
  saved: SavedConnections;
  emit<E extends EventName>(event: E, data: EventPayload<E>): void;
  /** Bytes waiting to reach the slowest UI client (0 where the transport cannot tell): streams back off on it. */
  backlogBytes(): number;
  /** Registers cleanup to run when the host closes (connections, timers, child processes). */
  onClose(fn: () => Promise<void> | void): void;
  /** Forks worker and beat processes (see supervisor/fork.ts). */
  fork: ForkFn;
  /** Asks the user where to save a file (Electron's dialog); null = cancelled. Absent in serve mode. */
  pickSavePath?: PickSavePath;
}

export type PickSavePath = (suggestedName: string) => Promise<string | null>;

export type Handler<M extends MethodName> = (params: ParsedParams<M>) => Promise<Result<M>> | Result<M>;
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
