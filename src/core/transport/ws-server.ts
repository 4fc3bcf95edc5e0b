import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreHost } from '../host';
import { serveApiSocket } from './api-socket';
import type { HostPolicy } from './host-policy';
import type { TransportLimits } from './limits';
import { checkUpgrade } from './upgrade-check';

export { API_PATH } from './upgrade-check';

export interface ApiServerOptions {
  token: string;
  policy: HostPolicy;
  limits: TransportLimits;
}

/**
 * Serves the host's API on `ws://…/api?token=T` (see api-socket.ts for the frames) and pushes every host event
 * to every client as `{event, data}`. A handshake that fails a check gets its HTTP status and a closed socket.
 */
export function attachApiServer(server: Server, host: CoreHost, opts: ApiServerOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.limits.maxFrameBytes });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves an upgraded socket without an error listener: a reset here must not be an uncaught error.
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req, opts.token, opts.policy);
    if (!verdict.ok) {
      const body = `${verdict.reason}\n`;
      socket.end(
        `HTTP/1.1 ${verdict.status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    serveApiSocket(ws, host, opts.limits);
    ws.on('error', () => ws.terminate());
  });

  const stop = host.onEvent((event, data) => {
    if (wss.clients.size === 0) return;
    let frame: string;
    try {
      frame = JSON.stringify({ event, data });
    } catch (err) {
      // A payload JSON cannot carry is a bug where it is emitted; the emitter's caller must not die of it.
      console.error(`queuedesk: event ${event} could not be encoded:`, err);
      return;
    }
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
