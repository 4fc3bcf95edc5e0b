import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessLogLine } from '../../../src/shared/contract';
import { restartDelay } from '../../../src/core/supervisor/backoff';
import type { ForkedChild, ForkFn } from '../../../src/core/supervisor/fork';
import { ManagedProcess } from '../../../src/core/supervisor/managed';

/** A stand-in child process: the test decides when it says ready and when it dies. */
class FakeChild extends EventEmitter implements ForkedChild {
  sent: unknown[] = [];
  constructor(readonly pid: number) {
    super();
  }
  send(m: unknown): void {
    this.sent.push(m);
    if ((m as { type: string }).type === 'stop') setImmediate(() => this.emit('exit', 0, null));
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    setImmediate(() => this.emit('exit', null, signal));
  }
  onMessage(l: (m: unknown) => void): void {
    this.on('message', l);
  }
  onExit(l: (code: number | null, signal: string | null) => void): void {
    this.on('exit', l);
  }
  onOutput(l: (stream: 'stdout' | 'stderr', text: string) => void): void {
    this.on('output', l);
  }
}

function setup(delay = 20) {
  const children: FakeChild[] = [];
  const logs: ProcessLogLine[] = [];
  const fork: ForkFn = () => {
    const c = new FakeChild(1000 + children.length);
    children.push(c);
    return c;
  };
  const p = new ManagedProcess(
    { id: 'worker-1', kind: 'worker', queues: ['q'], concurrency: 2 },
    {
      fork,
      spec: () => ({
        kind: 'worker',
        id: 'worker-1',
        connection: {},
        prefix: 'bull',
        queues: ['q'],
        concurrency: 2,
        taskModule: null,
      }),
      restartDelay: () => delay,
      changed: () => undefined,
      log: (l) => logs.push(l),
      message: () => undefined,
      staleHeartbeatMs: 60,
    },
  );
  return { p, children, logs };
}

// The clock is the test's: restarts, kills and the heartbeat watchdog happen when the test moves it, however
// busy the machine is. The fake child's exits (setImmediate) run when it moves, too.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Moves the clock `ms` on, then runs what that set off: a kill's exit comes a setImmediate later, which the
 * fake clock runs only when it moves again.
 */
async function settle<T>(pending: Promise<T>, ms = 0): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  await vi.advanceTimersByTimeAsync(1);
  return pending;
}

describe('a supervised process', () => {
  it('sends init, becomes running on ready, and counts jobs across restarts', async () => {
    const { p, children, logs } = setup();
    p.start();
    const first = children[0] as FakeChild;
    expect(first.sent[0]).toMatchObject({ type: 'init', spec: { queues: ['q'] } });
    first.emit('message', { type: 'ready', pid: 1000 });
    first.emit('message', { type: 'heartbeat', at: 1, currentJobs: [], completed: 7, failed: 1 });
    first.emit('output', 'stderr', 'oops\nsecond line\n');
    expect(p.info).toMatchObject({ state: 'running', pid: 1000, completed: 7, failed: 1 });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.line)).toEqual(['oops', 'second line']);

    first.emit('exit', null, 'SIGKILL');
    expect(p.info).toMatchObject({ state: 'crashed', pid: null, lastExit: { signal: 'SIGKILL' } });
    expect(p.info.restartAt).toBe(Date.now() + 20);
    await vi.advanceTimersByTimeAsync(19);
    expect(children).toHaveLength(1); // not before its back-off is up
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(2);
    expect(p.info.restarts).toBe(1);
    children[1]?.emit('message', { type: 'heartbeat', at: 2, currentJobs: [], completed: 3, failed: 0 });
    expect(p.info.completed).toBe(10);
  });

  it('does not restart a process that was asked to stop', async () => {
    const { p, children } = setup();
    p.start();
    children[0]?.emit('message', { type: 'ready', pid: 1000 });
    await settle(p.stop(5000));
    expect(children[0]?.sent.at(-1)).toEqual({ type: 'stop', graceMs: 3000 }); // exits itself before the kill
    expect(p.info).toMatchObject({ state: 'stopped', lastExit: { code: 0, signal: null } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(children).toHaveLength(1);
  });

  it('kills a child that does not drain in time', async () => {
    const { p, children } = setup();
    p.start();
    const c = children[0] as FakeChild;
    c.send = (m) => void c.sent.push(m); // ignores stop
    const stopping = p.stop(30);
    await vi.advanceTimersByTimeAsync(29);
    expect(p.info.state).toBe('stopping'); // given its time to drain
    await settle(stopping, 1);
    expect(p.info).toMatchObject({ state: 'stopped', lastExit: { signal: 'SIGKILL' } });
  });

  it('rejects whenReady with the fatal reason when the child dies starting', async () => {
    const { p, children } = setup(10_000);
    p.start();
    const ready = p.whenReady(1000);
    children[0]?.emit('message', {
      type: 'fatal',
      message: 'Error: cannot find module ./tasks.ts\n    at …',
    });
    children[0]?.emit('exit', 1, null);
    await expect(ready).rejects.toThrow('Error: cannot find module ./tasks.ts');
    await settle(p.stop(100));
  });

  it('warns once when a running child stops sending heartbeats', async () => {
    const { p, children, logs } = setup();
    p.start();
    children[0]?.emit('message', { type: 'ready', pid: 1000 });
    children[0]?.emit('message', {
      type: 'heartbeat',
      at: Date.now(),
      currentJobs: [],
      completed: 0,
      failed: 0,
    });
    const warnings = () =>
      logs.filter((l) => l.level === 'warn' && l.line.startsWith('not responding: no heartbeat'));
    await vi.advanceTimersByTimeAsync(60);
    expect(warnings()).toHaveLength(0); // 60 ms silent is not stale yet
    await vi.advanceTimersByTimeAsync(200);
    expect(warnings()).toHaveLength(1); // said once however long it stays silent
    await settle(p.stop(100));
  });

  it('backs off from 500 ms doubling to 30 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(restartDelay)).toEqual([500, 1000, 2000, 4000, 30_000, 30_000]);
  });
});
