import { describe, expect, it } from 'vitest';
import type { ProfilerLinesEvent } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { useKeysHost } from '../keys/keys-host';

const h = useKeysHost();

/** Collects one run's batches until its last one (the one with `stopped`). */
function collect(profilerId: string): {
  batches: ProfilerLinesEvent[];
  last(): ProfilerLinesEvent | undefined;
  off(): void;
} {
  const batches: ProfilerLinesEvent[] = [];
  const off = h.host.onEvent((event, data) => {
    if (event === 'server.profilerLines' && (data as ProfilerLinesEvent).profilerId === profilerId) {
      batches.push(data as ProfilerLinesEvent);
    }
  });
  return { batches, last: () => batches.at(-1), off };
}

const lines = (batches: ProfilerLinesEvent[]) => batches.flatMap((b) => b.lines);

describe('server.profiler (MONITOR)', () => {
  it('sees a command another client runs, hides QueueDesk’s own by default, and stops when asked', async () => {
    const run = collect('p1');
    const status = await h.call('server.profilerStart', { seconds: 60, profilerId: 'p1' });
    expect(status.endsAt - status.startedAt).toBe(60_000);
    const app = h.redis.client({ connectionName: 'the-app' });
    await app.set(`${h.prefix}seen`, '1');
    await h.call('keys.get', { key: `${h.prefix}seen` }); // QueueDesk's own read: hidden
    await app.get(`${h.prefix}marker`); // MONITOR keeps order: once this shows, the read before it was seen
    await waitUntil(() => lines(run.batches).some((l) => l.command.includes(`${h.prefix}marker`)));
    const seen = lines(run.batches).filter((l) => l.command.includes(`${h.prefix}seen`));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ clientName: 'the-app', own: false, db: 0 });
    expect(seen[0]!.command).toBe(`"set" "${h.prefix}seen" "1"`);
    expect(await h.call('server.profilerStop', { profilerId: 'p1' })).toEqual({ stopped: 1 });
    expect(run.last()!.stopped).toBe('user');
    expect(run.last()!.ownHidden).toBeGreaterThan(0);
    expect(await h.call('server.profilerStop', {})).toEqual({ stopped: 0 });
    run.off();
    app.disconnect();
  });

  it('shows QueueDesk’s own commands, marked, when asked to', async () => {
    const run = collect('p2');
    await h.client.set(`${h.prefix}own`, 'x');
    await h.call('server.profilerStart', { seconds: 60, excludeOwn: false, profilerId: 'p2' });
    await h.call('keys.get', { key: `${h.prefix}own` });
    await waitUntil(() => lines(run.batches).some((l) => l.command.includes(`${h.prefix}own`)));
    const own = lines(run.batches).find((l) => l.command.includes(`${h.prefix}own`))!;
    expect(own).toMatchObject({ own: true, clientName: 'queuedesk' });
    await h.call('server.profilerStop', {});
    run.off();
  });

  it('sends its totals while running even when every line is hidden as QueueDesk’s own', async () => {
    const run = collect('p5');
    await h.call('server.profilerStart', { seconds: 60, profilerId: 'p5' });
    await h.call('server.info', {}); // MONITOR leaves out admin commands (CONFIG, SLOWLOG…); INFO it shows
    await waitUntil(
      () => (run.last()?.ownHidden ?? 0) > 0,
      5000,
      25,
      () => JSON.stringify(run.batches),
    );
    expect(run.last()!.stopped).toBeUndefined();
    expect(lines(run.batches)).toEqual([]);
    await h.call('server.profilerStop', {});
    run.off();
  });

  it('stops by itself after its time', async () => {
    const run = collect('p3');
    const started = Date.now();
    await h.call('server.profilerStart', { seconds: 1, profilerId: 'p3' });
    await waitUntil(() => run.last()?.stopped !== undefined, 5000);
    expect(run.last()!.stopped).toBe('time');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // The MONITOR connection is gone.
    await waitUntil(async () => {
      const { clients } = await h.call('server.clients', {});
      return !clients.some((c) => c.name === 'queuedesk:profiler');
    });
    run.off();
  });

  it('caps what goes to the UI under a flood and counts the drops', async () => {
    const run = collect('p4');
    const { startedAt } = await h.call('server.profilerStart', { seconds: 60, profilerId: 'p4' });
    const flood = h.redis.client({ connectionName: 'flood' });
    const N = 20_000;
    const p = flood.pipeline();
    for (let i = 0; i < N; i++) p.incr(`${h.prefix}flood`);
    await p.exec();
    await waitUntil(() => (run.last()?.received ?? 0) >= N);
    await h.call('server.profilerStop', { profilerId: 'p4' });
    const last = run.last()!;
    const shown = lines(run.batches).length;
    expect(last.dropped).toBeGreaterThan(0);
    expect(shown + last.dropped + last.ownHidden).toBe(last.received);
    for (const b of run.batches) expect(b.lines.length).toBeLessThanOrEqual(500);
    // At most 10 batches a second reach the UI (one timer per 100 ms, plus the last).
    const seconds = (Date.now() - startedAt) / 1000;
    expect(run.batches.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
    run.off();
    flood.disconnect();
  });

  it('keeps one MONITOR connection when two starts arrive at once', async () => {
    const run = collect('p6');
    const [a, b] = await Promise.all([
      h.call('server.profilerStart', { seconds: 60, profilerId: 'p6' }),
      h.call('server.profilerStart', { seconds: 60, profilerId: 'p7' }),
    ]);
    expect([a.profilerId, b.profilerId].sort()).toEqual(['p6', 'p7']);
    const profilers = async (): Promise<number> =>
      (await h.call('server.clients', {})).clients.filter((c) => c.name === 'queuedesk:profiler').length;
    await waitUntil(async () => (await profilers()) === 1);
    expect(await h.call('server.profilerStop', {})).toEqual({ stopped: 1 });
    await waitUntil(async () => (await profilers()) === 0);
    run.off();
  });

  it('refuses a run longer than five minutes', async () => {
    expect((await h.fail('server.profilerStart', { seconds: 301 })).code).toBe('INVALID_INPUT');
  });

  // Last: it leaves the host disconnected.
  it('stops when QueueDesk disconnects from Redis, and says why', async () => {
    const run = collect('p8');
    await h.call('server.profilerStart', { seconds: 60, profilerId: 'p8' });
    await h.call('connection.disconnect', {});
    await waitUntil(() => run.last()?.stopped !== undefined);
    expect(run.last()!.stopped).toBe('connection');
    expect((await h.fail('server.profilerStart', {})).code).toBe('NOT_CONNECTED');
    run.off();
  });
});
