import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreHost } from '../host';

export const API_PATH = '/api';

/** Checks the `token` query parameter in constant time. */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the host's API on `ws://…/api?token=T`: request `{id, method, params}` → reply `{id, ok, data|error}`,
 * and every host event pushed as `{event, data}`. A bad frame gets an error reply; it never closes the socket.
 */
export function attachApiServer(server: Server, host: CoreHost, token: string): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== API_PATH || !hasToken(req, token)) {
      const status = path !== API_PATH ? '404 Not Found' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (raw, isBinary) => {
      void handleFrame(host, ws, isBinary ? null : raw.toString());
    });
    ws.on('error', () => ws.terminate());
  });

  const stop = host.onEvent((event, data) => {
    if (wss.clients.size === 0) return;
    const frame = JSON.stringify({ event, data });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });
  // Bytes queued on the slowest client's socket: high-rate streams check it so a slow client makes them drop
  // and count in their own bounded buffers, instead of growing this process's memory without bound.
  const removeProbe = host.addBacklogProbe(() => {
    let most = 0;
    for (const client of wss.clients) most = Math.max(most, client.bufferedAmount);
    return most;
  });
  wss.on('close', () => {
    stop();
    removeProbe();
  });
  return wss;
}

async function handleFrame(host: CoreHost, ws: WebSocket, text: string | null): Promise<void> {
  let request: unknown;
  try {
    if (text === null) throw new Error('binary frames are not accepted');
    request = JSON.parse(text);
  } catch {
    return reply(ws, {
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'frame is not valid JSON' },
    });
  }
  if (!request || typeof request !== 'object' || Array.isArray(request)) {
    return reply(ws, {
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'frame must be a JSON object' },
    });
  }
  const { id, method, params } = request as { id?: unknown; method?: unknown; params?: unknown };
  const safeId = typeof id === 'number' || typeof id === 'string' ? id : null;
  if (safeId === null) {
    return reply(ws, {
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'frame needs an "id" (number or string)' },
    });
  }
  const envelope = await host.call(method, params);
  reply(ws, { id: safeId, ...envelope });
}

function reply(ws: WebSocket, body: object): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(body));
}
