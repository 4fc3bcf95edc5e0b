import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startWatchdog } from '../watchdog';
import { traceStop } from '../stop-trace';

/** How long an orphaned Redis gets to save and exit before the watchdog kills it. */
const WATCHDOG_GRACE_MS = 15_000;

export interface RedisProcess {
  host: string;
  port: number;
  pid: number | undefined;
  /** SIGTERM (Redis saves or syncs its AOF on it) and waits for the exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Called if the server exits without being stopped (kill -9, the OOM killer, a crash). */
  onUnexpectedExit(listener: () => void): void;
}

const READY = /Ready to accept connections/;
const PORT_TAKEN = /Address already in use/;
const START_TIMEOUT_MS = 10_000;

/**
 * Runs a redis-server binary on 127.0.0.1 and a free port, resolved once it accepts connections. A watchdog holds a
 * pipe from this process and stops the server when the pipe closes, so even a SIGKILLed app leaves no Redis behind.
 */
export async function startRedisProcess(
  binary: string,
  args: string[],
  /** This port or fail (a restart where clients already point); by default a free one. */
  fixedPort?: number,
): Promise<RedisProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = fixedPort ?? (await freeLoopbackPort());
    try {
      return await launch(binary, port, args);
    } catch (err) {
      // Another process can take the free port between the probe and the bind.
      if (attempt < 3 && err instanceof PortTakenError && !fixedPort) continue;
      throw err;
    }
  }
}

class PortTakenError extends Error {}

async function launch(binary: string, port: number, args: string[]): Promise<RedisProcess> {
  const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C or a group's SIGTERM reaches the app alone, which stops Redis last, after
    // the workers have drained against it. Redis stopping by itself at the signal looked like a crash, and the
    // server started again in its place outlived the app.
    detached: true,
    windowsHide: true,
  });
  // From the spawn on, not from ready: an app killed while Redis starts leaves no server behind either.
  // SIGTERM makes Redis save first, and a Redis whose save fails (its folder gone) refuses to exit: SIGKILL after.
  const watchdog = startWatchdog(proc.pid, WATCHDOG_GRACE_MS);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
      if (READY.test(output)) done();
    };
    const onExit = (code: number | null): void =>
      fail(
        PORT_TAKEN.test(output)
          ? new PortTakenError(`port ${port} is taken`)
          : new Error(`redis-server exited (${code}): ${lastLines(output)}`),
      );
    const cleanup = (): void => {
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      proc.off('exit', onExit);
      proc.off('error', fail);
    };
    function done(): void {
      cleanup();
      resolve();
    }
    function fail(err: Error): void {
      cleanup();
      proc.kill('SIGKILL'); // never leave a half-started server behind
      watchdog?.kill();
      reject(err);
    }
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', onExit);
    proc.once('error', fail);
  });
  // Keep draining its log so a full pipe never blocks Redis.
  proc.stdout?.resume();
  proc.stderr?.resume();
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    pid: proc.pid,
    stop: async (graceMs = 10_000) => {
      stopped = true;
      await stopProcess(proc, graceMs);
      watchdog?.kill();
    },
    onUnexpectedExit(listener) {
      proc.once('exit', () => stopped || listener());
    },
  };
}

function stopProcess(proc: ChildProcess, graceMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      traceStop(`redis-server ${proc.pid} still running after ${graceMs} ms: SIGKILL`);
      proc.kill('SIGKILL');
    }, graceMs);
    proc.once('exit', () => {
      clearTimeout(force);
      traceStop(`redis-server ${proc.pid} exited`);
      resolve();
    });
    traceStop(`redis-server ${proc.pid}: SIGTERM`);
    proc.kill('SIGTERM');
  });
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' | ') || 'no output';
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
