import WebSocket from 'ws';

export interface Reply {
  id: number | string | null;
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

/** A bare WebSocket client of `serve`, as an outside script would write it. */
export class WsApi {
  private nextId = 1;
  private pending = new Map<number | string, (r: Reply) => void>();
  private orphanReplies: Reply[] = [];
  readonly events: Array<{ event: string; data: unknown }> = [];
  private eventWaiters: Array<{
    match: (e: { event: string; data: unknown }) => boolean;
    resolve: (e: { event: string; data: unknown }) => void;
  }> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as Reply & { event?: string };
      if (frame.event !== undefined) {
        const e = { event: frame.event, data: frame.data };
        this.events.push(e);
        this.eventWaiters = this.eventWaiters.filter((w) => (w.match(e) ? (w.resolve(e), false) : true));
        return;
      }
      const cb = frame.id === null ? undefined : this.pending.get(frame.id);
      if (cb) {
        this.pending.delete(frame.id as number);
        cb(frame);
      } else this.orphanReplies.push(frame);
    });
  }

  static async open(url: string): Promise<WsApi> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new WsApi(ws);
  }

  call(method: string, params: unknown = {}): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Calls and returns data, throwing on an error reply. */
  async data<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const r = await this.call(method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error?.code} ${r.error?.message}`);
    return r.data as T;
  }

  /** Sends a raw frame; the reply (with id null) is collected by nextOrphan(). */
  sendRaw(text: string): void {
    this.ws.send(text);
  }

  async nextOrphan(timeoutMs = 2000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    while (this.orphanReplies.length === 0) {
      if (Date.now() > deadline) throw new Error('no reply');
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.orphanReplies.shift() as Reply;
  }

  waitForEvent(
    name: string,
    match: (data: unknown) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<unknown> {
    const found = this.events.find((e) => e.event === name && match(e.data));
    if (found) return Promise.resolve(found.data);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs);
      this.eventWaiters.push({
        match: (e) => e.event === name && match(e.data),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e.data);
        },
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}
