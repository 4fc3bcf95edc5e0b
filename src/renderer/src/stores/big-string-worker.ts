import type { BigMode } from '../workers/value-layout';
import { createValueEngine } from '../workers/value-engine';
import type { WorkerReply, WorkerRequest } from '../workers/value-protocol';

/** Rows are fetched from the worker in blocks of this many. */
export const ROW_BLOCK = 256;

/**
 * What the view renders: a row count, and any row's text once its block has come from the worker
 * (`need` asks for a block; `onRows` fires when one arrives, so the view re-renders).
 */
export interface BigLayout {
  id: number;
  mode: BigMode;
  rows: number;
  row(i: number): string | undefined;
  need(from: number, to: number): void;
}

type Waiter = (r: WorkerReply) => void;

/** The page's side of the value worker: slices go in as they arrive, layouts and rows come back. */
export class ValueWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private readonly progress = new Map<number, (loaded: number) => void>();

  constructor(private readonly onRows: () => void) {}

  private post(m: WorkerRequest): void {
    this.target ??= this.start();
    this.target(m);
  }

  private target: ((m: WorkerRequest) => void) | null = null;

  private readonly receive = (r: WorkerReply): void => {
    if (r.type === 'progress') return this.progress.get(r.id)?.(r.loaded);
    this.progress.delete(r.id);
    const w = this.waiting.get(r.id);
    this.waiting.delete(r.id);
    w?.(r);
  };

  /** The worker; or, where none can start (a locked-down page), the same engine on this thread. */
  private start(): (m: WorkerRequest) => void {
    try {
      this.worker = new Worker(new URL('../workers/value-worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
      const w = this.worker;
      return (m) => w.postMessage(m);
    } catch {
      const engine = createValueEngine((r) => setTimeout(() => this.receive(r)));
      return (m) => engine(m);
    }
  }

  private ask(build: (id: number) => WorkerRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.post(build(id));
    });
  }

  begin(length: number): void {
    this.post({ type: 'begin', length });
  }

  chunk(start: number, base64: string): void {
    this.post({ type: 'chunk', start, base64 });
  }

  /** Has the worker read [from, to) from `url` itself (serve mode); `abort` stops it where it is. */
  fetch(
    req: { url: string; from: number; to: number; length: number },
    onProgress: (loaded: number) => void,
  ): { done: Promise<{ loaded: number; error?: string }>; abort(): void } {
    let fetchId = 0;
    const done = this.ask((id) => {
      fetchId = id;
      this.progress.set(id, onProgress);
      return { type: 'fetch', id, ...req };
    }).then((r) =>
      r.type === 'fetched' ? r : { loaded: req.from, error: 'value worker answered out of turn' },
    );
    return { done, abort: () => this.post({ type: 'abort', id: fetchId }) };
  }

  async layout(mode: BigMode | 'auto', loaded: number, complete: boolean): Promise<BigLayout> {
    const r = await this.ask((id) => ({ type: 'layout', id, mode, loaded, complete }));
    if (r.type !== 'layout') throw new Error('value worker answered out of turn');
    const blocks = new Map<number, string[] | 'pending'>();
    const layoutId = r.id;
    return {
      id: layoutId,
      mode: r.mode,
      rows: r.rows,
      row: (i) => {
        const b = blocks.get(Math.floor(i / ROW_BLOCK));
        return b && b !== 'pending' ? b[i % ROW_BLOCK] : undefined;
      },
      need: (from, to) => {
        for (let b = Math.floor(from / ROW_BLOCK); b * ROW_BLOCK < Math.min(to, r.rows); b++) {
          if (blocks.has(b)) continue;
          blocks.set(b, 'pending');
          const start = b * ROW_BLOCK;
          void this.ask((id) => ({
            type: 'rows',
            id,
            layout: layoutId,
            from: start,
            to: start + ROW_BLOCK,
          })).then((reply) => {
            if (reply.type !== 'rows') return;
            blocks.set(b, reply.rows);
            this.onRows();
          });
        }
      },
    };
  }
}
