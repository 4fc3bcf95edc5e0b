import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../core/transport/server';
import { traceStop } from '../core/stop-trace';
import type { ConnectTarget } from '../shared/contract';
import { defaultDataDir } from './data-dir';
import { installLastResortGuard } from './last-resort';
import { projectInFolder } from './project-config';
import { onStopRequest } from './stop-requests';
import { skipVerifyWarning, tlsFlags } from './tls-flags';

/**
 * A stop ends within this even when a step hangs. Workers get 5 s to drain and the embedded Redis 2.5 s to exit
 * (core/host.ts, connection/manager.ts), so a normal stop is done well before; a process manager's kill usually comes at 10 s.
 */
const FORCED_EXIT_MS = 8000;

export const SERVE_OPTIONS_HELP = `  --port      port to listen on (0 picks a free one)             default 7420
  --host      address to bind; anything but loopback is exposed  default 127.0.0.1
  --allow-host  a name browsers may use for it besides loopback and --host (repeatable; others get 421)
  --redis     connect to this Redis URL instead of starting the embedded one
  --scratch   embedded Redis keeps its data in memory only: gone when QueueDesk stops
              (by default it keeps its data across restarts, as an AOF in the data folder)
  --persist   the default, accepted for older scripts
  --config    the project: queuedesk.config.{ts,js,json} or its folder  default: the current folder's, if any
  --data-dir  settings folder                                     default ${defaultDataDir()}
`;

const HELP = `Usage: queuedesk serve [options]

Runs QueueDesk without Electron: the UI over HTTP and the API over a WebSocket, both needing the printed token.
${SERVE_OPTIONS_HELP}  --tls-ca FILE  with --redis: the PEM CA bundle that signed its certificate (implies TLS)
  --tls-skip-verify  with --redis: accept any certificate, for a local self-signed set-up only
`;

/** `serve`'s own: the TLS of --redis (the desktop window takes them on its Connection page). */
const TLS_OPTIONS = {
  'tls-ca': { type: 'string' },
  'tls-skip-verify': { type: 'boolean', default: false },
} as const;

/** The options `serve` and `open` share. */
export const SERVE_OPTIONS = {
  port: { type: 'string', default: '7420' },
  host: { type: 'string', default: '127.0.0.1' },
  'allow-host': { type: 'string', multiple: true },
  redis: { type: 'string' },
  persist: { type: 'boolean', default: false },
  scratch: { type: 'boolean', default: false },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface ServeValues {
  port: string;
  host: string;
  'allow-host'?: string[];
  redis?: string;
  persist: boolean;
  scratch: boolean;
  config?: string;
  'data-dir'?: string;
  'tls-ca'?: string;
  'tls-skip-verify'?: boolean;
}

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { ...SERVE_OPTIONS, ...TLS_OPTIONS } });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  await runServe(values);
}

/** Starts the server, opens the project, prints the URL and stops cleanly on a signal. */
export async function runServe(values: ServeValues): Promise<RunningServer> {
  if (values.scratch && values.persist) throw new Error('--scratch and --persist: choose one');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  const configPath = values.config ? resolve(values.config) : projectInFolder(process.cwd());
  const connect = serveTarget(values);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(values.host);
  if (!loopback) {
    console.warn(
      `warning: binding ${values.host} exposes QueueDesk beyond this machine; anyone with the token controls your Redis.`,
    );
  }
  installLastResortGuard();
  const here = dirname(fileURLToPath(import.meta.url));
  const server = await startServer({
    port,
    host: values.host,
    allowHosts: values['allow-host'],
    dataDir: values['data-dir'] ?? defaultDataDir(),
    rendererDir: resolve(here, '../renderer'),
    connect,
  });
  if (server.connectError) {
    const ca = values['tls-ca'] ? `; the CA given: ${resolve(values['tls-ca'])}` : '';
    console.error(`Redis: ${server.connectError}${ca} (choose another connection in the UI)`);
  }
  if (configPath) {
    const opened = await server.host.call('project.open', { configPath });
    if (opened.ok) console.log(`Project: ${configPath}`);
    else console.error(`Project ${configPath} did not open: ${opened.error.message}`);
  }
  console.log(`QueueDesk serving at ${server.pageUrl}`);

  let stopping = false;
  onStopRequest((reason) => {
    // A second signal means now; child processes are killed on exit (see supervisor/fork.ts).
    if (stopping) process.exit(1);
    stopping = true;
    traceStop(`${reason}: stopping`);
    console.log(`\n${reason}: stopping QueueDesk (and its embedded Redis)…`);
    const force = setTimeout(() => {
      traceStop('still stopping: exiting anyway');
      process.exit(1);
    }, FORCED_EXIT_MS);
    void server.close().then(() => {
      clearTimeout(force);
      traceStop('closed: exiting');
      process.exit(0);
    });
  });
  return server;
}

/** The first connection: --redis with its TLS flags (the CA file read and checked here), else the embedded one. */
function serveTarget(values: ServeValues): ConnectTarget {
  const tls = tlsFlags(values);
  if (!values.redis) {
    if (tls.ca || tls.skipVerify)
      throw new Error('--tls-ca and --tls-skip-verify are for --redis URL (the embedded Redis has no TLS)');
    return { mode: 'embedded', persist: !values.scratch };
  }
  if (tls.skipVerify) console.warn(skipVerifyWarning('--tls-skip-verify'));
  return {
    mode: 'url',
    url: values.redis,
    ...(tls.ca || tls.skipVerify ? { tls: true } : {}),
    ...(tls.ca ? { tlsCa: tls.ca.pem } : {}),
    ...(tls.skipVerify ? { tlsSkipVerify: true } : {}),
  };
}
