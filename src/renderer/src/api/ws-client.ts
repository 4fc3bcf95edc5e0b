import type { Envelope } from '../../../shared/result';
import { ClientError, type ApiClient } from './client';

interface Pending {
  resolve(data: unknown): void;
  reject(err: Error): void;
}

type Reply = { id: number } & Envelope<unknown>;
type Pushed = { event: string; data: unknown };

/** Talks to `queuedesk serve` over its WebSocket; reconnects by itself with back-off. */
export function wsClient(url: string): ApiClient {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let up = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const linkListeners = new Set<(up: boolean) => void>();

  const setUp = (value: boolean): void => {
    if (up === value) return;
    up = value;
    for (const l of linkListeners) l(value);
  };

  const open = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setUp(true);
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (msg) => {
      const frame = JSON.parse(String(msg.data)) as Reply | Pushed;
      if ('event' in frame) {
        for (const l of listeners.get(frame.event) ?? []) l(frame.data);
        return;
      }
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      if (frame.ok) p.resolve(frame.data);
      else p.reject(new ClientError(frame.error.code, frame.error.message));
    };
    ws.onclose = () => {
      setUp(false);
      for (const p of pending.values())
        p.reject(new ClientError('NOT_CONNECTED', 'lost the link to QueueDesk'));
      pending.clear();
      const delay = Math.min(250 * 2 ** attempt++, 5000);
      setTimeout(open, delay);
    };
  };
  open();

  return {
    transport: 'websocket',
    call(method, params) {
      const id = nextId++;
      const frame = JSON.stringify({ id, method, params });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (d: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (data: unknown) => void);
      return () => set.delete(listener as (data: unknown) => void);
    },
    onLink(listener) {
      linkListeners.add(listener);
      listener(up);
      return () => linkListeners.delete(listener);
    },
  };
}
