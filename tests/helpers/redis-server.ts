import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { findRedisServerBinary } from '../../src/core/connection/find-binary';
import { freeLoopbackPort } from '../../src/core/connection/redis-process';
import type { TestTls } from './test-tls';

export interface TestRedis {
  port: number;
  url: string;
  /** A fresh client; closed by stop(). */
  client(options?: RedisOptions): Redis;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** SIGSTOP: the server freezes with its sockets open, as a hung host would (resume() undoes it). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Start again on the same port (after kill or stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 (the app's own probe). */
export const freePort = freeLoopbackPort;

/**
 * A real redis-server on a free port for one test file; no persistence unless args say so. With `tls` it speaks
 * only TLS on that port (`--port 0 --tls-port`), replicates over TLS, and its `client()` trusts the test CA.
 */
export async function startTestRedis(extraArgs: string[] = [], tls?: TestTls): Promise<TestRedis> {
  const binary = findRedisServerBinary();
  if (!binary) throw new Error('redis-server not found: install it (apt-get install redis-server)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'qd-redis-'));
  let proc: ChildProcess | null = null;
  const clients: Redis[] = [];

  const launch = async (): Promise<void> => {
    const p = spawn(
      binary,
      [
        ...(tls
          ? ['--port', '0', '--tls-port', String(port), '--tls-replication', 'yes', ...tls.serverArgs]
          : ['--port', String(port)]),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        ...extraArgs,
      ],
      {
        stdio: 'ignore',
      },
    );
    proc = p;
    const deadline = Date.now() + 5000;
    while (!(await answersPing(port, tls))) {
      if (p.exitCode !== null || Date.now() > deadline) {
        p.kill('SIGKILL'); // never leave a half-started server behind
        throw new Error(`redis-server did not start on ${port}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const exit = (signal: NodeJS.Signals): Promise<void> =>
    new Promise((resolve) => {
      const p = proc;
      proc = null;
      if (!p || p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      // A paused server would hold SIGTERM until continued.
      p.kill('SIGCONT');
      p.kill(signal);
    });

  await launch();
  return {
    port,
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    client(options = {}) {
      const c = new Redis({
        port,
        maxRetriesPerRequest: 1,
        ...(tls ? { tls: { ca: tls.ca } } : {}),
        ...options,
      });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    kill: () => exit('SIGKILL'),
    pause: () => void proc?.kill('SIGSTOP'),
    resume: () => void proc?.kill('SIGCONT'),
    restart: launch,
    async stop() {
      for (const c of clients) c.disconnect();
      await exit('SIGTERM');
    },
  };
}

/** Raw RESP probe: a server is up when it answers PING, even with NOAUTH (password set); over TLS with `tls`. */
export function answersPing(port: number, tls?: TestTls): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = tls ? tlsConnect({ port, host: '127.0.0.1', ca: tls.ca }) : connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.once(tls ? 'secureConnect' : 'connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(/^(\+PONG|-NOAUTH)/.test(d.toString())));
    sock.once('error', () => done(false));
    sock.setTimeout(500, () => done(false));
  });
}
