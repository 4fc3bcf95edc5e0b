import { EventEmitter } from 'node:events';
import type { SharedOptions } from '../connection/client-factory';
import type { ProcessInfo, ProcessLogLine } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import type { ChildSpec, FromChild } from '../processes/messages';
import { restartDelay } from './backoff';
import type { ForkFn } from './fork';
import { ManagedProcess } from './managed';
import { CommandSet } from '../commands/command-set';

export interface SupervisorOptions {
  fork: ForkFn;
  /** Options of the Redis a new child connects to; read when it is started, kept for its restarts. */
  connection(): SharedOptions;
  /** BullMQ prefix and task module, read at every (re)start. */
  prefix(): string;
  taskModule(): string | null;
  /** BullMQ lock settings for workers (short in tests so a killed worker's jobs come back fast). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  beatLockTtlMs?: number;
  restartDelay?: (crashesInARow: number) => number;
  /** How long a stopping child may drain before it is killed. */
  stopTimeoutMs?: number;
}

export interface SupervisorEvents {
  changed: [];
  log: [ProcessLogLine];
  message: [string, FromChild];
}

export const BEAT_ID = 'beat';

/** Forks worker and beat processes, keeps them running, and stops them all on close. */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  private readonly procs = new Map<string, ManagedProcess>();
  private nextWorker = 1;
  /** The project config's own commands: listed, logged, stopped and restarted with the children above. */
  readonly commands: CommandSet;

  constructor(private readonly options: SupervisorOptions) {
    super();
    this.commands = new CommandSet({
      restartDelay: options.restartDelay ?? restartDelay,
      changed: () => this.emit('changed'),
      log: (line) => this.emit('log', line),
    });
  }

  list(): ProcessInfo[] {
    return [...[...this.procs.values()].map((p) => structuredClone(p.info)), ...this.commands.list()];
  }

  /** A snapshot of one process (callers must not hold the live, changing object). */
  info(id: string): ProcessInfo {
    if (this.commands.has(id)) return structuredClone(this.commands.get(id).info);
    return structuredClone(this.get(id).info);
  }

  get(id: string): ManagedProcess {
    const p = this.procs.get(id);
    if (!p) throw new ApiError('NOT_FOUND', `no process "${id}"`);
    return p;
  }

  startWorker(queues: string[], concurrency: number): ProcessInfo {
    const id = `worker-${this.nextWorker++}`;
    // Pinned: a restart (after a crash, a project change) goes back to this server, never to another one.
    const connection = this.options.connection();
    const p = this.add({ id, kind: 'worker', queues, concurrency }, (info) => ({
      kind: 'worker',
      id,
      connection,
      prefix: this.options.prefix(),
      queues,
      concurrency: info.concurrency,
      taskModule: this.options.taskModule(),
      lockDurationMs: this.options.lockDurationMs,
      stalledIntervalMs: this.options.stalledIntervalMs,
    }));
    return structuredClone(p.info);
  }

  /** Starts the beat process (one per app; the leader lock decides which beat fires across machines). */
  startBeat(): ProcessInfo {
    const existing = this.procs.get(BEAT_ID);
    if (existing && existing.info.state !== 'stopped') return structuredClone(existing.info);
    this.procs.delete(BEAT_ID);
    const connection = this.options.connection();
    const p = this.add({ id: BEAT_ID, kind: 'beat', queues: [], concurrency: 1 }, () => ({
      kind: 'beat',
      id: BEAT_ID,
      connection,
      prefix: this.options.prefix(),
      lockTtlMs: this.options.beatLockTtlMs,
    }));
    return structuredClone(p.info);
  }

  /**
   * Waits until a just-started process is ready and returns it. One that fails to start is stopped (never left
   * restarting in a loop) and the failure is thrown with the child's own reason.
   */
  async ready(id: string, timeoutMs = 20_000): Promise<ProcessInfo> {
    try {
      await this.get(id).whenReady(timeoutMs);
    } catch (err) {
      await this.stop(id).catch(() => undefined);
      throw new ApiError(
        'INTERNAL',
        `${id} did not start: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return this.info(id);
  }

  /** Stops a process and forgets it (workers) or keeps it listed as stopped (beat). */
  async stop(id: string): Promise<ProcessInfo> {
    if (this.commands.has(id)) {
      await this.commands.get(id).stop();
      return this.info(id);
    }
    const p = this.get(id);
    await p.stop(this.options.stopTimeoutMs ?? 30_000);
    if (p.info.kind === 'worker') this.procs.delete(id);
    this.emit('changed');
    return structuredClone(p.info);
  }

  scale(id: string, concurrency: number): ProcessInfo {
    const p = this.get(id);
    if (p.info.kind !== 'worker') throw new ApiError('INVALID_INPUT', `id: "${id}" is not a worker`);
    p.scale(concurrency);
    return structuredClone(p.info);
  }

  async restart(id: string): Promise<ProcessInfo> {
    if (this.commands.has(id)) {
      await this.commands.get(id).restart();
      return this.info(id);
    }
    const p = this.get(id);
    await p.restart(this.options.stopTimeoutMs ?? 30_000);
    return structuredClone(p.info);
  }

  /** Restarts every running child, e.g. after the app connected to another Redis. */
  async restartAll(): Promise<void> {
    const running = [...this.procs.values()].filter((p) => p.info.state !== 'stopped');
    await Promise.all(running.map((p) => p.restart(this.options.stopTimeoutMs ?? 30_000)));
  }

  async stopAll(timeoutMs = this.options.stopTimeoutMs ?? 10_000): Promise<void> {
    await Promise.all([
      ...[...this.procs.values()].map((p) => p.stop(timeoutMs)),
      this.commands.stopAll(timeoutMs),
    ]);
  }

  private add(
    init: ConstructorParameters<typeof ManagedProcess>[0],
    spec: (info: ProcessInfo) => ChildSpec,
  ): ManagedProcess {
    const p: ManagedProcess = new ManagedProcess(init, {
      fork: this.options.fork,
      spec,
      restartDelay: this.options.restartDelay ?? restartDelay,
      changed: () => this.emit('changed'),
      log: (line) => this.emit('log', line),
      message: (m) => this.emit('message', init.id, m),
    });
    this.procs.set(init.id, p);
    p.start();
    return p;
  }
}
