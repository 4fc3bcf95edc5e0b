import type { ProcessInfo } from '../../shared/contract';
import { isFromChild, type ChildSpec, type FromChild } from '../processes/messages';

/** Heartbeats come every second; this long without one means the child is stuck. */
const STALE_HEARTBEAT_MS = 15_000;
import { childEntry } from './entries';

/** A stopping child gets this much less than the stop timeout, so it exits by itself before it is killed. */
const KILL_MARGIN_MS = 2000;
import type { ForkedChild, ForkFn } from './fork';
import { Supervised, type SupervisedHooks } from './supervised';

export interface ManagedHooks extends SupervisedHooks {
  fork: ForkFn;
  /** The spec for the next (re)start: built fresh so a changed connection is picked up. */
  spec(info: ProcessInfo): ChildSpec;
  message(m: FromChild): void;
  /** How long without a heartbeat means stuck; 15 s unless a test says otherwise. */
  staleHeartbeatMs?: number;
}

/** One supervised worker or beat process: forks it, restarts it with back-off after a crash, stops it on request. */
export class ManagedProcess extends Supervised<ManagedHooks> {
  protected wanted: 'running' | 'stopped' = 'running';
  private child: ForkedChild | null = null;
  private base = { completed: 0, failed: 0 };
  private readyWaiters: Array<(err?: Error) => void> = [];
  private lastFatal = '';

  constructor(init: Pick<ProcessInfo, 'id' | 'kind' | 'queues' | 'concurrency'>, hooks: ManagedHooks) {
    super({ ...init, state: 'starting' }, hooks);
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
      this.cannotStart(err);
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
    const watchdog = this.watchHeartbeat();
    const end = this.beginRun({ state: 'starting', pid: child.pid ?? null }, () => {
      clearInterval(watchdog);
      this.child = null;
    });
    child.onMessage((m) => isFromChild(m) && this.onMessage(m));
    child.onOutput((stream, text) => {
      for (const line of text.split('\n')) {
        if (line.trim()) this.log(stream === 'stderr' ? 'error' : 'info', line);
      }
    });
    child.onExit(end);
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
    const child = this.child;
    await this.stopRun(
      child !== null,
      timeoutMs,
      // The child ends itself after its grace (or at once when its Redis is gone); the kill is the backstop.
      () => child?.send({ type: 'stop', graceMs: Math.max(0, timeoutMs - KILL_MARGIN_MS) }),
      () => child?.kill('SIGKILL'),
    );
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

  protected onExit(code: number | null, signal: string | null, ranMs: number): void {
    this.base = { completed: this.info.completed, failed: this.info.failed };
    const why = this.lastFatal || `exited (${signal ?? `code ${code}`}) before it was ready`;
    for (const w of [...this.readyWaiters]) w(new Error(why));
    this.ended(code, signal, ranMs, { currentJobs: [], leader: undefined });
  }
}
