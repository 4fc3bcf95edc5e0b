import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreHost } from '../host';
import type { ConnectTarget } from '../../shared/contract';
import { DOWNLOAD_PATH, downloadHandler } from './download';
import { parseTarget } from './request-target';
import { hostPolicy } from './host-policy';
import { guardRequests } from './http-guard';
import { DEFAULT_LIMITS, type TransportLimits } from './limits';
import { staticHandler } from './static-files';
import { API_PATH, attachApiServer } from './ws-server';
import { traceStop } from '../stop-trace';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  rendererDir: string;
  /** What to connect to at start; embedded Redis by default. */
  connect?: ConnectTarget;
  token?: string;
  /** More Host names to answer to besides loopback and the bound address (a container's or a box's name). */
  allowHosts?: string[];
  limits?: Partial<TransportLimits>;
}

export interface RunningServer {
  host: CoreHost;
  http: Server;
  port: number;
  token: string;
  pageUrl: string;
  apiUrl: string;
  /** Set when the first connection failed; the UI shows it and offers the connection page. */
  connectError?: string;
  close(): Promise<void>;
}

/** The headless mode: the core host behind HTTP (the UI) and a WebSocket (the API) on one port. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(18).toString('base64url');
  const host = new CoreHost({ dataDir: opts.dataDir });
  const policy = hostPolicy(opts.host, opts.allowHosts);
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const files = staticHandler(opts.rendererDir);
  const download = downloadHandler(host);
  // A client gets 10 s to send its headers and 30 s for the whole request (Node's defaults: 60 s and 5 min).
  const http = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000 },
    guardRequests(policy, (req, res) =>
      parseTarget(req.url)?.pathname === DOWNLOAD_PATH ? download(req, res, token) : files(req, res),
    ),
  );
  const wss = attachApiServer(http, host, { token, policy, limits });
  // Listening and starting Redis overlap: both take tens of milliseconds.
  const listening = new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const connecting = host
    .call('connection.connect', opts.connect ?? { mode: 'embedded' })
    .then((r) => (r.ok ? undefined : r.error.message));
  try {
    await listening;
  } catch (err) {
    await connecting;
    await host.close();
    throw err;
  }
  const connectError = await connecting;
  // Past listen, a server error (accept failing on EMFILE, say) is logged; with no listener it would end serve.
  http.on('error', (err) => console.error('queuedesk: HTTP server error:', err));
  const port = (http.address() as AddressInfo).port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  let closing: Promise<void> | undefined;
  return {
    host,
    http,
    port,
    token,
    pageUrl: `http://${shownHost}:${port}/?token=${token}`,
    apiUrl: `ws://${shownHost}:${port}${API_PATH}?token=${token}`,
    connectError,
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        traceStop('http and websockets closed');
        await host.close();
      })();
      return closing;
    },
  };
}
