import type { ProcessInfo, ProcessLogLine } from '../../shared/contract';
import { isFromChild, type ChildSpec, type FromChild } from '../processes/messages';
import { CrashRestarts, crashLine } from './backoff';

/** Heartbeats come every second; this long without one means the child is stuck. */
const STALE_HEARTBEAT_MS = 15_000;
import { childEntry } from './entries';

/** A stopping child gets this much less than the stop timeout, so it exits by itself before it is killed. */
const KILL_MARGIN_MS = 2000;
import type { ForkedChild, ForkFn } from './fork';
import { patchInfo } from './patch-info';

export interface ManagedHooks {
  fork: ForkFn;
  /** The spec for the next (re)start: built fresh so a changed connection is picked up. */
  spec(info: ProcessInfo): ChildSpec;
  restartDelay(crashesInARow: number): number;
  changed(): void;
  log(line: ProcessLogLine): void;
  message(m: FromChild): void;
  /** How long without a heartbeat means stuck; 15 s unless a test says otherwise. */
  staleHeartbeatMs?: number;
}

/** One supervised worker or beat process: forks it, restarts it with back-off after a crash, stops it on request. */
export class ManagedProcess {
  readonly info: ProcessInfo;
  private child: ForkedChild | null = null;
  private wanted: 'running' | 'stopped' = 'running';
  private readonly crashes: CrashRestarts;
  private exited: Promise<void> = Promise.resolve();
  private base = { completed: 0, failed: 0 };
  private readyWaiters: Array<(err?: Error) => void> = [];
  private lastFatal = '';

  constructor(
    init: Pick<ProcessInfo, 'id' | 'kind' | 'queues' | 'concurrency'>,
    private readonly hooks: ManagedHooks,
  ) {
    this.crashes = new CrashRestarts(hooks.restartDelay);
    this.info = {
      ...init,
      state: 'starting',
      pid: null,
      startedAt: null,
      restarts: 0,
      lastHeartbeatAt: null,
      currentJobs: [],
      completed: 0,
      failed: 0,
    };
  }

  get pid(): number | null {
    return this.info.pid;
  }

  start(): void {
    this.wanted = 'running';
    let spec: ChildSpec;
    try {
      spec = this.hooks.spec(this.info);
    } catch (err) {
      // No Redis to give the child (disconnected): try again later like after a crash.
      this.log('error', `cannot start: ${err instanceof Error ? err.message : String(err)}`);
      this.onExit(null, null, 0);
      return;
    }
    const entry = childEntry(spec.kind);
    const child = this.hooks.fork(entry.modulePath, {
      env: { ...process.env, QUEUEDESK_PROCESS_ID: this.info.id },
      execArgv: entry.execArgv,
      serviceName: `QueueDesk ${this.info.kind} ${this.info.id}`,
    });
    this.child = child;
    this.lastFatal = '';
    const spawnedAt = Date.now();
    const watchdog = this.watchHeartbeat();
    this.update({ state: 'starting', pid: child.pid ?? null, startedAt: spawnedAt, restartAt: undefined });
    let done!: () => void;
    this.exited = new Promise((resolve) => (done = resolve));
    child.onMessage((m) => isFromChild(m) && this.onMessage(m));
    child.onOutput((stream, text) => {
      for (const line of text.split('\n')) {
        if (line.trim()) this.log(stream === 'stderr' ? 'error' : 'info', line);
      }
    });
    child.onExit((code, signal) => {
      clearInterval(watchdog);
      this.child = null;
      this.onExit(code, signal, Date.now() - spawnedAt);
      done();
    });
    child.send({ type: 'init', spec });
  }

  /** Resolves when the child says it is ready; rejects if it exits first or takes too long. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.info.state === 'running') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`not ready within ${timeoutMs} ms`)), timeoutMs);
      const settle = (err?: Error): void => {
        clearTimeout(timer);
        this.readyWaiters = this.readyWaiters.filter((w) => w !== settle);
        if (err) reject(err);
        else resolve();
      };
      this.readyWaiters.push(settle);
    });
  }

  scale(concurrency: number): void {
    this.info.concurrency = concurrency;
    this.child?.send({ type: 'scale', concurrency });
    this.hooks.changed();
  }

  /** Asks the child to drain and exit; kills it if it has not gone after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    this.wanted = 'stopped';
    if (this.crashes.cancel()) this.update({ state: 'stopped', restartAt: undefined });
    const child = this.child;
    if (!child) return;
    this.update({ state: 'stopping' });
    // The child ends itself after its grace (or at once when its Redis is gone); the kill is the backstop.
    child.send({ type: 'stop', graceMs: Math.max(0, timeoutMs - KILL_MARGIN_MS) });
    const timer = setTimeout(() => {
      this.log('warn', `did not stop within ${timeoutMs} ms: killed`);
      child.kill('SIGKILL');
    }, timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Graceful stop, then a fresh start (same id). */
  async restart(timeoutMs: number): Promise<void> {
    await this.stop(timeoutMs);
    this.start();
  }

  /**
   * A child whose event loop is stuck (a task spinning without awaiting) sends no heartbeat; say so once per
   * stall. BullMQ will hand its jobs to another worker when their locks run out.
   */
  private watchHeartbeat(): NodeJS.Timeout {
    let warned = false;
    const staleMs = this.hooks.staleHeartbeatMs ?? STALE_HEARTBEAT_MS;
    const timer = setInterval(() => {
      const last = this.info.lastHeartbeatAt;
      const silentMs = last === null ? 0 : Date.now() - last;
      if (this.info.state === 'running' && silentMs > staleMs) {
        if (!warned) this.log('warn', `not responding: no heartbeat for ${Math.round(silentMs / 1000)} s`);
        warned = true;
      } else warned = false;
    }, staleMs / 3);
    timer.unref();
    return timer;
  }

  private onMessage(m: FromChild): void {
    if (m.type === 'ready') {
      this.update({ state: this.wanted === 'running' ? 'running' : 'stopping', pid: m.pid });
      for (const w of [...this.readyWaiters]) w();
    } else if (m.type === 'heartbeat') {
      this.update({
        lastHeartbeatAt: m.at,
        currentJobs: m.currentJobs,
        completed: this.base.completed + m.completed,
        failed: this.base.failed + m.failed,
        ...(m.leader === undefined ? {} : { leader: m.leader }),
      });
    } else if (m.type === 'logs') {
      for (const l of m.lines) this.hooks.log({ processId: this.info.id, ...l });
      if (m.dropped) this.log('warn', `${m.dropped} log lines dropped (too many at once)`);
    } else if (m.type === 'fatal') {
      this.lastFatal = m.message.split('\n')[0] ?? m.message;
      this.log('error', `failed: ${m.message}`);
    }
    this.hooks.message(m);
  }

  private onExit(code: number | null, signal: string | null, ranMs: number): void {
    const at = Date.now();
    this.base = { completed: this.info.completed, failed: this.info.failed };
    const common = { pid: null, lastExit: { code, signal, at }, currentJobs: [], leader: undefined };
    const why = this.lastFatal || `exited (${signal ?? `code ${code}`}) before it was ready`;
    for (const w of [...this.readyWaiters]) w(new Error(why));
    if (this.wanted === 'stopped') {
      this.update({ ...common, state: 'stopped' });
      return;
    }
    const delay = this.crashes.schedule(ranMs, () => {
      this.info.restarts++;
      this.start();
    });
    this.update({ ...common, state: 'crashed', restartAt: at + delay });
    this.log('error', crashLine(code, signal, delay));
  }

  private update(patch: Partial<ProcessInfo>): void {
    patchInfo(this.info, patch);
    this.hooks.changed();
  }

  private log(level: ProcessLogLine['level'], line: string): void {
    this.hooks.log({ processId: this.info.id, ts: Date.now(), level, line });
  }
}
