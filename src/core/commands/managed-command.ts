import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Supervised, type SupervisedHooks } from '../supervisor/supervised';
import { startWatchdog } from '../watchdog';
import type { CommandSpec } from './command-spec';
import { signalGroup, trackGroup, untrackGroup } from './group-kill';
import { levelOf } from './log-level';

/** Longer lines are cut (a minified blob on stdout must not fill the log buffer). */
const MAX_LINE = 4000;

export interface CommandHooks extends SupervisedHooks {
  /** Built fresh at every (re)start, so an edited config is picked up. */
  spec(): CommandSpec;
}

/**
 * One of the developer's own commands, run in its own process group (so a stop, a crash clean-up and the
 * watchdog reach every process it started, e.g. Celery's prefork pool), restarted with back-off after a crash.
 */
export class ManagedCommand extends Supervised<CommandHooks> {
  protected wanted: 'running' | 'stopped' = 'stopped';
  private child: ChildProcess | null = null;
  private spawned: Promise<void> = Promise.resolve();
  /** The SIGTERM → SIGKILL grace of the run in progress. */
  private graceMs = 10_000;

  constructor(id: string, hooks: CommandHooks) {
    super({ id, kind: 'command', state: 'stopped', queues: [], concurrency: 1 }, hooks);
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
      this.cannotStart(err);
      return;
    }
    const file = spec.argv[0];
    this.child = child;
    const pgid = child.pid;
    this.graceMs = spec.graceMs;
    const watchdog = pgid ? startWatchdog(-pgid, spec.graceMs) : null;
    if (pgid) trackGroup(pgid);
    // Without a pid the spawn failed; its error event follows and makes this a crash.
    const end = this.beginRun({ state: pgid ? 'running' : 'starting', pid: pgid ?? null }, () => {
      if (pgid) {
        // What the leader left behind (pool children of a killed Celery worker) goes with it.
        signalGroup(pgid, 'SIGKILL');
        untrackGroup(pgid);
      }
      watchdog?.kill();
      this.child = null;
    });
    this.spawned = new Promise((resolve) => {
      child.once('spawn', () => resolve());
      child.once('error', () => resolve());
    });
    this.follow(child.stdout, 'stdout');
    this.follow(child.stderr, 'stderr');
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
    const pgid = this.child?.pid;
    const signal = (name: NodeJS.Signals): void => {
      if (pgid) signalGroup(pgid, name);
    };
    const graceMs = Math.min(this.graceMs, limitMs);
    await this.stopRun(
      !!pgid,
      graceMs,
      () => signal('SIGTERM'),
      () => signal('SIGKILL'),
    );
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

  protected onExit(code: number | null, signal: string | null, ranMs: number): void {
    if (this.ended(code, signal, ranMs) === 'stopped')
      this.log('info', `exited (${signal ?? `code ${code}`})`);
  }
}
