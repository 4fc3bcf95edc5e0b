import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ProcessInfo, ProcessLogLine } from '../../shared/contract';
import { CrashRestarts, crashLine } from '../supervisor/backoff';
import { startWatchdog } from '../watchdog';
import type { CommandSpec } from './command-spec';
import { signalGroup, trackGroup, untrackGroup } from './group-kill';
import { levelOf } from './log-level';
import { patchInfo } from '../supervisor/patch-info';

/** Longer lines are cut (a minified blob on stdout must not fill the log buffer). */
const MAX_LINE = 4000;

export interface CommandHooks {
  /** Built fresh at every (re)start, so an edited config is picked up. */
  spec(): CommandSpec;
  restartDelay(crashesInARow: number): number;
  changed(): void;
  log(line: ProcessLogLine): void;
}

/**
 * One of the developer's own commands, run in its own process group (so a stop, a crash clean-up and the
 * watchdog reach every process it started, e.g. Celery's prefork pool), restarted with back-off after a crash.
 */
export class ManagedCommand {
  readonly info: ProcessInfo;
  private child: ChildProcess | null = null;
  private wanted: 'running' | 'stopped' = 'stopped';
  private readonly crashes: CrashRestarts;
  private exited: Promise<void> = Promise.resolve();
  private spawned: Promise<void> = Promise.resolve();
  /** The SIGTERM → SIGKILL grace of the run in progress. */
  private graceMs = 10_000;

  constructor(
    id: string,
    private readonly hooks: CommandHooks,
  ) {
    this.crashes = new CrashRestarts(hooks.restartDelay);
    this.info = {
      id,
      kind: 'command',
      state: 'stopped',
      pid: null,
      queues: [],
      concurrency: 1,
      startedAt: null,
      restarts: 0,
      lastHeartbeatAt: null,
      currentJobs: [],
      completed: 0,
      failed: 0,
    };
    try {
      this.describe();
    } catch {
      // shown when it is started
    }
  }

  /** Starts it unless it runs already (a pending restart happens now). */
  start(): void {
    this.wanted = 'running';
    if (this.child) return;
    this.crashes.cancel();
    let spec: CommandSpec;
    let child: ChildProcess;
    try {
      spec = this.describe();
      const [file, ...args] = spec.argv as [string, ...string[]];
      // spawn throws at once on argv it cannot pass (an empty file, a NUL byte); ENOENT comes as an event.
      child = spawn(file, args, {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      this.log('error', `cannot start: ${err instanceof Error ? err.message : String(err)}`);
      this.onExit(null, null, 0);
      return;
    }
    const file = spec.argv[0];
    this.child = child;
    const spawnedAt = Date.now();
    const pgid = child.pid;
    this.graceMs = spec.graceMs;
    const watchdog = pgid ? startWatchdog(-pgid, spec.graceMs) : null;
    if (pgid) trackGroup(pgid);
    // Without a pid the spawn failed; its error event follows and makes this a crash.
    const state = pgid ? 'running' : 'starting';
    this.update({ state, pid: pgid ?? null, startedAt: spawnedAt, restartAt: undefined });
    this.spawned = new Promise((resolve) => {
      child.once('spawn', () => resolve());
      child.once('error', () => resolve());
    });
    this.follow(child.stdout, 'stdout');
    this.follow(child.stderr, 'stderr');
    let done!: () => void;
    this.exited = new Promise((resolve) => (done = resolve));
    let ended = false;
    const end = (code: number | null, signal: string | null): void => {
      if (ended) return;
      ended = true;
      if (pgid) {
        // What the leader left behind (pool children of a killed Celery worker) goes with it.
        signalGroup(pgid, 'SIGKILL');
        untrackGroup(pgid);
      }
      watchdog?.kill();
      this.child = null;
      this.onExit(code, signal, Date.now() - spawnedAt);
      done();
    };
    child.on('exit', end);
    child.on('error', (err) => {
      this.log('error', `cannot start ${file}: ${err.message}`);
      if (!pgid) end(null, null); // never spawned: no exit event comes
    });
  }

  /** Resolves once the last start spawned its process or failed to. */
  whenSpawned(): Promise<void> {
    return this.spawned;
  }

  /** SIGTERM to the whole group; SIGKILL if it has not exited after its grace, or `limitMs` if shorter. */
  async stop(limitMs = Infinity): Promise<void> {
    const graceMs = Math.min(this.graceMs, limitMs);
    this.wanted = 'stopped';
    if (this.crashes.cancel()) this.update({ state: 'stopped', restartAt: undefined });
    const child = this.child;
    if (!child?.pid) return;
    this.update({ state: 'stopping' });
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      this.log('warn', `did not stop within ${graceMs} ms: killed`);
      if (child.pid) signalGroup(child.pid, 'SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  /** Puts the current argv and cwd on the info (the config may have changed) and returns the spec. */
  private describe(): CommandSpec {
    const spec = this.hooks.spec();
    this.info.command = { argv: spec.argv, cwd: spec.cwd };
    return spec;
  }

  private follow(stream: Readable | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (raw) => {
      if (!raw.trim()) return;
      const line = raw.length > MAX_LINE ? `${raw.slice(0, MAX_LINE)} …` : raw;
      this.hooks.log({ processId: this.info.id, ts: Date.now(), level: levelOf(line), line, stream: name });
    });
  }

  private onExit(code: number | null, signal: string | null, ranMs: number): void {
    const at = Date.now();
    const common = { pid: null, lastExit: { code, signal, at } };
    if (this.wanted === 'stopped') {
      this.update({ ...common, state: 'stopped' });
      this.log('info', `exited (${signal ?? `code ${code}`})`);
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
