import type { EmbeddedState } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { requireConfirm } from '../confirm';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded';

/** Files changed while the server was down: kept once it is up again, or put back. */
export interface PreparedFiles {
  commit(): Promise<void>;
  undo(): Promise<void>;
}

export interface EmbeddedRequest {
  persist: boolean;
  restart?: boolean;
  reset?: boolean;
  confirm?: number;
  /** What a slow start is doing (building Redis), for the status line. */
  onNote?(note: string): void;
}

/**
 * The one embedded redis-server of the app. It keeps running while the app uses another connection, so
 * switching back finds its data; it stops only when the app closes or the user asks (and confirms) a restart.
 */
export class EmbeddedSlot {
  private server: EmbeddedRedis | null = null;
  private starting: Promise<EmbeddedRedis> | null = null;

  constructor(private readonly dataDir: string) {}

  get running(): EmbeddedRedis | null {
    return this.server;
  }

  async state(): Promise<EmbeddedState> {
    const s = this.server;
    if (!s) return { running: false, persist: null, keys: null, url: null, pid: null };
    return {
      running: true,
      persist: s.persist,
      keys: await s.keyCount().catch(() => null),
      url: `redis://${s.host}:${s.port}`,
      pid: s.pid ?? null,
    };
  }

  /**
   * The server as asked: the running one when it matches, else a new one. Whatever would lose data (scratch
   * keys on a restart, every key on reset) is refused unless `confirm` is that many keys; a refusal changes nothing.
   */
  async acquire(req: EmbeddedRequest): Promise<EmbeddedRedis> {
    if (this.starting) await this.starting.catch(() => undefined);
    const current = this.server;
    const replace = !!current && (req.restart === true || current.persist !== req.persist);
    if (req.reset && current && current.persist !== req.persist)
      throw new ApiError('INVALID_INPUT', 'reset: change persistence and reset in two steps');
    // A persistent server's data is on disk and comes back after a restart; a scratch server's does not.
    if (current && (req.reset || (replace && !current.persist))) {
      const what = req.reset ? 'Resetting the embedded Redis' : 'Restarting the scratch embedded Redis';
      requireConfirm(what, await current.keyCount(), req.confirm);
    }
    let server = current;
    if (!server || replace) {
      if (current) await this.stop();
      server = await this.start(req.persist, req.onNote);
      // Nothing was counted yet: the data came back from disk just now.
      if (req.reset && !current)
        requireConfirm('Resetting the embedded Redis', await server.keyCount(), req.confirm);
    }
    if (req.reset) await server.flush();
    return server;
  }

  /**
   * Stops the server, lets `prepare` change its files, and starts it again on another port, so every client
   * of the old one sees a connection switch. If it does not come back, the files are put back as they were.
   */
  async restartWith(prepare: () => Promise<PreparedFiles>): Promise<EmbeddedRedis> {
    if (this.starting) await this.starting.catch(() => undefined);
    const current = this.server;
    if (!current) throw new ApiError('NOT_CONNECTED', 'the embedded Redis is not running');
    const { persist, port } = current;
    await this.stop();
    const files = await prepare();
    try {
      const server = await this.start(persist, undefined, port);
      await files.commit();
      return server;
    } catch (err) {
      await files.undo();
      await this.start(persist, undefined, port).catch(() => undefined);
      throw err;
    }
  }

  private async start(
    persist: boolean,
    onNote?: (note: string) => void,
    avoidPort?: number,
  ): Promise<EmbeddedRedis> {
    this.starting = startEmbeddedRedis({ persist, dataDir: this.dataDir, onNote, avoidPort });
    try {
      this.server = await this.starting;
      return this.server;
    } finally {
      this.starting = null;
    }
  }

  async stop(graceMs?: number): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await s.stop(graceMs);
  }
}
