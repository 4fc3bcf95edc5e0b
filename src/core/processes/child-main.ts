import { CappedBatcher } from '../capped-batcher';
import type { ChildLogLine, ChildSpec, FromChild } from './messages';
import { parentPort } from './parent-port';

export interface ChildEngine {
  /** What the heartbeat carries besides the time. */
  heartbeat(): Omit<Extract<FromChild, { type: 'heartbeat' }>, 'type' | 'at'>;
  scale?(concurrency: number): void;
  close(force: boolean): Promise<void>;
  /** Whether its Redis answers: without it a drain can never finish, so a stop does not wait for one. */
  connected(): boolean;
}

const HEARTBEAT_MS = 1000;
/** How long running jobs may finish after SIGTERM or a stop without its own grace. */
export const STOP_GRACE_MS = 10_000;
/** The supervisor is gone (the app died): finish quickly, nobody is waiting for the results to be shown. */
const ORPHAN_GRACE_MS = 2000;
const WATCH_MS = 200;

/**
 * The shared life of a supervised child (worker or beat): wait for `init`, start the engine, send heartbeats
 * and batched logs, drain on SIGTERM or `stop`, exit when the supervisor goes away. Every stop is bounded: after
 * the grace, at a second request, or as soon as Redis is gone, the process exits without waiting further.
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
  let stopping = false;
  let graceMs = STOP_GRACE_MS;
  const note = (line: string): void => logs.push({ ts: Date.now(), level: 'warn', line });
  const exit = (code: number): never => {
    logs.flush();
    process.exit(code);
  };

  const stop = (grace = STOP_GRACE_MS): void => {
    if (stopping) {
      // A second request (SIGTERM again, Ctrl-C twice) means now; a shorter grace (the app died) shortens it.
      if (grace < graceMs) graceMs = grace;
      else {
        note('stop asked again: stopping now');
        exit(0);
      }
      return;
    }
    stopping = true;
    graceMs = grace;
    if (!engine) return void exit(0);
    const e = engine;
    const since = Date.now();
    // Bounded whatever the engine does: BullMQ's close waits for Redis, which may never come back.
    const watch = (): void => {
      if (!e.connected()) note('Redis is gone: stopping without waiting for running jobs');
      else if (Date.now() - since >= graceMs) note(`jobs still running after ${graceMs} ms: stopping now`);
      else return;
      exit(0);
    };
    watch();
    setInterval(watch, WATCH_MS);
    void e
      .close(false)
      .catch(() => undefined)
      .then(() => exit(0));
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
        })
        .catch(fail);
    } else if (m.type === 'scale') engine?.scale?.(m.concurrency);
    else if (m.type === 'stop') stop(m.graceMs ?? STOP_GRACE_MS);
  });
  process.on('SIGTERM', () => stop());
  process.on('SIGINT', () => stop());
  // The supervisor died: finish quickly and go, never linger as an orphan.
  process.on('disconnect', () => stop(ORPHAN_GRACE_MS));
  process.on('uncaughtException', fail);
  // A task that forgets to await a promise must not take the worker and its other jobs down: log it.
  process.on('unhandledRejection', (reason) => {
    const line = `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`;
    if (engine) logs.push({ ts: Date.now(), level: 'error', line });
    else fail(reason);
  });
}
