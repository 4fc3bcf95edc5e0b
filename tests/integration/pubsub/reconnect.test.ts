import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killConsoleSubscriber, startHarness, type Harness } from './harness';
import { waitUntil } from '../../helpers/process-alive';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function publishUntilSeen(channel: string, payload: string): Promise<void> {
  const pub = h.redis.client();
  await waitUntil(
    async () => {
      await pub.publish(channel, payload).catch(() => 0);
      return h.messages().some((m) => m.channel === channel && m.payload === payload);
    },
    15_000,
    100,
  );
}

describe('pub/sub subscriber connection', () => {
  it('re-subscribes by itself after CLIENT KILL and says so', async () => {
    await h.call('pubsub.subscribe', { channels: ['k:chan'], patterns: ['k:pat:*'] });
    const killed = await killConsoleSubscriber(h);
    expect(killed).toBe(1);
    await waitUntil(() => h.statuses().some((s) => s.resubscribes === 1 && s.state === 'ready'));
    const status = h.statuses().find((s) => s.resubscribes === 1 && s.state === 'ready')!;
    expect(status.note).toMatch(/re-subscribed to 2 channel/);
    expect(h.statuses().some((s) => s.state === 'connecting' && /lost/.test(s.note ?? ''))).toBe(true);
    expect(status.channels).toEqual(['k:chan']);
    await publishUntilSeen('k:chan', 'after-kill');
    await publishUntilSeen('k:pat:1', 'after-kill-pattern');
    const numsub = (await h.redis.client().call('PUBSUB', 'NUMSUB', 'k:chan')) as unknown[];
    expect(Number(numsub[1])).toBe(1);
  });

  it('comes back after the server itself restarts', async () => {
    await h.redis.kill();
    await waitUntil(() => h.statuses().at(-1)?.state !== 'ready');
    await h.redis.restart();
    await waitUntil(
      () => h.statuses().at(-1)?.state === 'ready' && h.statuses().at(-1)!.resubscribes >= 2,
      15_000,
    );
    await publishUntilSeen('k:chan', 'after-restart');
  });
});
