import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { PubSubMessagesEvent } from '../../../src/shared/contract';
import { usePubSubMessages } from '../../../src/renderer/src/stores/pubsub-messages';

function batch(payloads: string[], received: number, dropped: number): PubSubMessagesEvent {
  return { messages: payloads.map((payload) => ({ channel: 'c', payload, ts: 0 })), received, dropped };
}

/** What the page shows: counts since the window's start, which must add up. */
function shown() {
  const s = usePubSubMessages.getState();
  const received = s.hostReceived - (s.base?.received ?? 0);
  const dropped = s.hostDropped - (s.base?.dropped ?? 0);
  return { received, dropped, delivered: s.delivered };
}

// The store shows a batch at once when the last render was 200 ms ago or more, and merges faster ones: the
// test moves a fake clock past that, so every batch below is shown at once however busy the machine is.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
const pause = () => vi.advanceTimersByTimeAsync(200);

it('counts from the first batch it sees, through drops, a clear, and a restarted host', async () => {
  const store = usePubSubMessages.getState();
  store.addBatch(batch(['a', 'b', 'c'], 1003, 40)); // 1,000 came before this window listened
  expect(shown()).toEqual({ received: 3, dropped: 0, delivered: 3 });
  await pause();
  store.addBatch(batch(['d', 'e'], 1010, 45)); // 5 dropped while it fell behind
  expect(shown()).toEqual({ received: 10, dropped: 5, delivered: 5 });
  store.clear();
  expect(shown()).toEqual({ received: 0, dropped: 0, delivered: 0 });
  await pause();
  store.addBatch(batch(['f'], 1011, 45));
  expect(shown()).toEqual({ received: 1, dropped: 0, delivered: 1 });
  await pause();
  store.addBatch(batch(['g', 'h'], 2, 0)); // serve restarted: its counters began again
  expect(shown()).toEqual({ received: 2, dropped: 0, delivered: 2 });
  expect(usePubSubMessages.getState().rows.map((r) => r.payload)).toEqual(['f', 'g', 'h']);
});
