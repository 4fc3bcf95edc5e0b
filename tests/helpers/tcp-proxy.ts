import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './redis-server';

/** A loopback TCP proxy to a port, for network faults: pass traffic, cut it (all sockets gone, nothing accepted), heal. */
export interface TcpProxy {
  port: number;
  url: string;
  /** Connections currently passing through. */
  open(): number;
  /** Destroys every connection and stops listening, as a pulled cable looks to both ends. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  heal(): Promise<void>;
  /**
   * Stops reading the server's replies on connections whose client sent `marker` (e.g. its CLIENT SETNAME), now
   * and from then on: a reader that fell behind, as the server sees it (its output then waits in its buffers).
   */
  stall(marker: string): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const markers: string[] = [];
  /** Each connection's first bytes from its client (enough for HELLO … SETNAME), and how to stall it. */
  const passing: Array<{ sent: () => string; stall: () => void }> = [];
  const stalls = (sent: string): boolean => markers.some((m) => sent.includes(m));

  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const srv = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        track(client);
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        let sent = '';
        const stall = (): void => {
          upstream.unpipe(client);
          upstream.pause();
        };
        const entry = { sent: () => sent, stall };
        passing.push(entry);
        client.once('close', () => passing.splice(passing.indexOf(entry), 1));
        client.on('data', (chunk: Buffer) => {
          if (sent.length >= 4096) return;
          sent += chunk.toString('latin1');
          if (stalls(sent)) stall();
        });
        const end = (): void => {
          client.destroy();
          upstream.destroy();
        };
        client.once('error', end).once('close', end);
        upstream.once('error', end).once('close', end);
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        server = srv;
        resolve();
      });
    });
  const cut = async (): Promise<void> => {
    const srv = server;
    server = null;
    const closed = srv ? new Promise<void>((r) => srv.close(() => r())) : Promise.resolve();
    for (const s of sockets) s.destroy();
    await closed;
  };

  await listen();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    open: () => sockets.size / 2,
    cut,
    heal: listen,
    stall(marker) {
      markers.push(marker);
      for (const p of passing) if (stalls(p.sent())) p.stall();
    },
    close: cut,
  };
}
