import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from '../core/transport/server';
import { defaultDataDir } from './data-dir';

const HELP = `Usage: queuedesk serve [--port 7420] [--host 127.0.0.1] [--redis URL] [--persist] [--data-dir DIR]

Runs QueueDesk without Electron: the UI over HTTP and the API over a WebSocket, both needing the printed token.
  --port      port to listen on (0 picks a free one)             default 7420
  --host      address to bind; anything but loopback is exposed  default 127.0.0.1
  --redis     connect to this Redis URL instead of starting the embedded one
  --persist   embedded Redis keeps its data (AOF) in the data folder
  --data-dir  settings folder                                     default ${defaultDataDir()}
`;

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '7420' },
      host: { type: 'string', default: '127.0.0.1' },
      redis: { type: 'string' },
      persist: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(values.host);
  if (!loopback) {
    console.warn(
      `warning: binding ${values.host} exposes QueueDesk beyond this machine; anyone with the token controls your Redis.`,
    );
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const server = await startServer({
    port,
    host: values.host,
    dataDir: values['data-dir'] ?? defaultDataDir(),
    rendererDir: resolve(here, '../renderer'),
    connect: values.redis
      ? { mode: 'url', url: values.redis }
      : { mode: 'embedded', persist: values.persist },
  });
  if (server.connectError)
    console.error(`Redis: ${server.connectError} (choose another connection in the UI)`);
  console.log(`QueueDesk serving at ${server.pageUrl}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping QueueDesk (and its embedded Redis)…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    void server.close().then(() => {
      clearTimeout(force);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
}
