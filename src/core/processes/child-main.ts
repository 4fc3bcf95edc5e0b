import { CappedBatcher } from '../capped-batcher';
import type { ChildLogLine, ChildSpec, FromChild } from './messages';
import { parentPort } from './parent-port';

export interface ChildEngine {
  /** What the heartbeat carries besides the time. */
  heartbeat(): Omit<Extract<FromChild, { type: 'heartbeat' }>, 'type' | 'at'>;
  scale?(concurrency: number): void;
  close(force: boolean): Promise<void>;
}

const HEARTBEAT_MS = 1000;

/**
 * The shared life of a supervised child (worker or beat): wait for `init`, start the engine, send heartbeats
 * and batched logs, drain on SIGTERM or `stop` (a second one forces), exit when the supervisor goes away.
 */
export function runChild<S extends ChildSpec>(
  kind: S['kind'],
  start: (spec: S, log: (line: ChildLogLine) => void, send: (m: FromChild) => void) => Promise<ChildEngine>,
): void {
  const port = parentPort();
  if (!port) {
    console.error(
      `the ${kind} process is started by QueueDesk; run "queuedesk ${kind} --config <file>" instead`,
    );
    process.exit(2);
  }
  const logs = new CappedBatcher<ChildLogLine>(
    (lines, dropped) => port.send({ type: 'logs', lines, dropped }),
    100,
  );
  let engine: ChildEngine | null = null;
  let stopping = 0;

  const stop = async (): Promise<void> => {
    stopping++;
    if (!engine) process.exit(0);
    if (stopping > 1) return void engine.close(true);
    await engine.close(false).catch(() => undefined);
    logs.flush();
    process.exit(0);
  };
  const fail = (err: unknown): void => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    port.send({ type: 'fatal', message });
    logs.flush();
    // Give the IPC a moment to carry the last messages.
    setTimeout(() => process.exit(1), 50);
  };

  port.onMessage((m) => {
    if (m.type === 'init' && m.spec.kind === kind && !engine) {
      start(
        m.spec as S,
        (l) => logs.push(l),
        (msg) => port.send(msg),
      )
        .then((e) => {
          engine = e;
          port.send({ type: 'ready', pid: process.pid });
          const beat = (): void => port.send({ type: 'heartbeat', at: Date.now(), ...e.heartbeat() });
          beat();
          setInterval(beat, HEARTBEAT_MS).unref();
          if (stopping) void stop();
        })
        .catch(fail);
    } else if (m.type === 'scale') engine?.scale?.(m.concurrency);
    else if (m.type === 'stop') void stop();
  });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The supervisor died: drain and go, never linger as an orphan.
  process.on('disconnect', () => void stop());
  process.on('uncaughtException', fail);
  // A task that forgets to await a promise must not take the worker and its other jobs down: log it.
  process.on('unhandledRejection', (reason) => {
    const line = `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`;
    if (engine) logs.push({ ts: Date.now(), level: 'error', line });
    else fail(reason);
  });
}
