import type { ProcessInfo, ProcessLogLine } from '../../shared/contract';
import { CrashRestarts, crashLine } from './backoff';
import { patchInfo } from './patch-info';
import { traceStop } from '../stop-trace';

export interface SupervisedHooks {
  restartDelay(crashesInARow: number): number;
  changed(): void;
  log(line: ProcessLogLine): void;
}

/**
 * What a supervised worker, beat or project command has in common: its info, whether it is wanted running, the
 * restarts with back-off after a crash, and a stop that ends in a kill when the process does not go.
 */
export abstract class Supervised<H extends SupervisedHooks> {
  readonly info: ProcessInfo;
  protected abstract wanted: 'running' | 'stopped';
  protected readonly crashes: CrashRestarts;
  /** Resolves once the run in progress has exited. */
  protected exited: Promise<void> = Promise.resolve();

  constructor(
    init: Pick<ProcessInfo, 'id' | 'kind' | 'queues' | 'concurrency' | 'state'>,
    protected readonly hooks: H,
  ) {
    this.crashes = new CrashRestarts(hooks.restartDelay);
    this.info = {
      ...init,
      pid: null,
      startedAt: null,
      restarts: 0,
      lastHeartbeatAt: null,
      currentJobs: [],
      completed: 0,
      failed: 0,
    };
  }

  abstract start(): void;

  /** What this kind of process does when a run ends (or never began): ends in `ended`. */
  protected abstract onExit(code: number | null, signal: string | null, ranMs: number): void;

  /** A start that failed before a process existed (no spec, an argv spawn refuses): retried like a crash. */
  protected cannotStart(err: unknown): void {
    this.log('error', `cannot start: ${err instanceof Error ? err.message : String(err)}`);
    this.onExit(null, null, 0);
  }

  /**
   * A process was started: puts `patch` on the info and returns the function its exit calls (once; later calls
   * do nothing), which runs `cleanup`, then `onExit` with how long it ran, then resolves `exited`.
   */
  protected beginRun(
    patch: Pick<ProcessInfo, 'state' | 'pid'>,
    cleanup: () => void,
  ): (code: number | null, signal: string | null) => void {
    const startedAt = Date.now();
    this.update({ ...patch, startedAt, restartAt: undefined });
    let done!: () => void;
    this.exited = new Promise((resolve) => (done = resolve));
    let over = false;
    return (code, signal) => {
      if (over) return;
      over = true;
      cleanup();
      this.onExit(code, signal, Date.now() - startedAt);
      done();
    };
  }

  /**
   * Not wanted running any more (a pending restart is dropped). A run in progress is asked to end (`ask`),
   * `kill`ed if it has not after `limitMs`, and waited for.
   */
  protected async stopRun(
    running: boolean,
    limitMs: number,
    ask: () => void,
    kill: () => void,
  ): Promise<void> {
    this.wanted = 'stopped';
    if (this.crashes.cancel()) this.update({ state: 'stopped', restartAt: undefined });
    if (!running) return;
    this.update({ state: 'stopping' });
    ask();
    const timer = setTimeout(() => {
      this.log('warn', `did not stop within ${limitMs} ms: killed`);
      kill();
    }, limitMs);
    await this.exited;
    clearTimeout(timer);
  }

  /**
   * A run ended: stopped if it was asked to stop, otherwise a crash, restarted after its back-off. `patch` is
   * what else the ended run leaves behind on the info.
   */
  protected ended(
    code: number | null,
    signal: string | null,
    ranMs: number,
    patch: Partial<ProcessInfo> = {},
  ): 'stopped' | 'crashed' {
    const at = Date.now();
    traceStop(
      `${this.info.id} exited (${signal ?? `code ${code}`}) while ${this.wanted === 'stopped' ? 'stopping' : 'wanted running'}`,
    );
    const common = { pid: null, lastExit: { code, signal, at }, ...patch };
    if (this.wanted === 'stopped') {
      this.update({ ...common, state: 'stopped' });
      return 'stopped';
    }
    const delay = this.crashes.schedule(ranMs, () => {
      this.info.restarts++;
      this.start();
    });
    this.update({ ...common, state: 'crashed', restartAt: at + delay });
    this.log('error', crashLine(code, signal, delay));
    return 'crashed';
  }

  protected update(patch: Partial<ProcessInfo>): void {
    patchInfo(this.info, patch);
    this.hooks.changed();
  }

  protected log(level: ProcessLogLine['level'], line: string): void {
    this.hooks.log({ processId: this.info.id, ts: Date.now(), level, line });
  }
}
