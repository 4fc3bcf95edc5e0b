import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreContext } from '../../../src/core/context';
import { forwardProcessEvents } from '../../../src/core/processes/events';
import { LogBuffer } from '../../../src/core/processes/log-buffer';
import type { Supervisor } from '../../../src/core/supervisor/supervisor';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('process events to the UI', () => {
  it('a burst of changes and log lines becomes a few batched events, logs capped and counted', async () => {
    const emitted: Array<{ event: string; data: unknown }> = [];
    const ctx = {
      emit: (event: string, data: unknown) => emitted.push({ event, data }),
      onClose: () => undefined,
    };
    const supervisor = Object.assign(new EventEmitter(), { list: () => [{ id: 'worker-1' }] });
    const buffer = new LogBuffer(100);
    forwardProcessEvents(ctx as unknown as CoreContext, supervisor as unknown as Supervisor, buffer);
    for (let i = 0; i < 100; i++) supervisor.emit('changed');
    for (let i = 0; i < 1200; i++)
      supervisor.emit('log', { processId: 'worker-1', ts: i, level: 'info', line: `l${i}` });
    await vi.advanceTimersByTimeAsync(199);
    expect(emitted).toEqual([]); // nothing before the 200 ms batch is up
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted.filter((e) => e.event === 'processes.changed')).toEqual([
      { event: 'processes.changed', data: [{ id: 'worker-1' }] },
    ]);
    const logs = emitted
      .filter((e) => e.event === 'processes.log')
      .map((e) => e.data as { lines: unknown[]; dropped: number });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.lines).toHaveLength(500);
    expect(logs[0]?.dropped).toBe(700);
    expect((logs[0]?.lines[0] as { line: string }).line).toBe('l700'); // the newest kept
    // The buffer for a page opened later keeps the newest lines.
    expect(buffer.recent('worker-1', 3).map((l) => l.line)).toEqual(['l1197', 'l1198', 'l1199']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(emitted).toHaveLength(2); // a quiet supervisor sends nothing more
    supervisor.emit('changed'); // a later change starts a new batch
    await vi.advanceTimersByTimeAsync(200);
    expect(emitted.filter((e) => e.event === 'processes.changed')).toHaveLength(2);
  });
});
