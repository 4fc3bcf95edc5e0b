import { afterEach, describe, expect, it } from 'vitest';
import type { PubSubMessagesEvent } from '../../../src/shared/contract';
import { BACKLOG_LIMIT_BYTES, Delivery } from '../../../src/core/pubsub/delivery';
import { messageView } from '../../../src/core/pubsub/message-view';

let delivery: Delivery | undefined;
afterEach(() => delivery?.stop());

function setup(capacity: number, showPerSecond?: number) {
  const batches: PubSubMessagesEvent[] = [];
  let backlog = 0;
  let now = 0;
  delivery = new Delivery({
    showPerSecond,
    clock: () => now,
    emit: (b) => batches.push(b),
    backlog: () => backlog,
    flushEveryMs: 60_000, // flushed by hand below
    capacity,
    maxBytes: 1024 * 1024,
  });
  const send = (n: number, from = 0): void => {
    for (let i = 0; i < n; i++)
      delivery!.accept(messageView(Buffer.from('ch'), undefined, Buffer.from(String(from + i))));
  };
  const advance = (ms: number): number => (now += ms);
  return { d: delivery, batches, send, setBacklog: (b: number) => (backlog = b), advance };
}

describe('Delivery', () => {
  it('sends nothing when nothing came in', () => {
    const { d, batches } = setup(10);
    d.flush();
    expect(batches).toEqual([]);
  });

  it('holds batches while the client is backed up, then sends what the buffer kept with exact counters', () => {
    const { d, batches, send, setBacklog, advance } = setup(100);
    send(30);
    d.flush();
    expect(batches[0]).toMatchObject({ received: 30, dropped: 0 });
    setBacklog(BACKLOG_LIMIT_BYTES + 1);
    send(250, 30);
    d.flush();
    expect(batches).toHaveLength(1);
    setBacklog(0);
    advance(1000);
    d.flush();
    const last = batches[1]!;
    expect(last.messages.map((m) => m.payload)).toEqual(
      Array.from({ length: 100 }, (_, i) => String(180 + i)),
    );
    expect({ received: last.received, dropped: last.dropped }).toEqual({ received: 280, dropped: 150 });
    const delivered = batches.reduce((n, b) => n + b.messages.length, 0);
    expect(delivered).toBe(last.received - last.dropped);
  });

  it('lets a burst through whole, then sends the UI at most its budget a second, counting the rest as dropped', () => {
    const { d, batches, send, advance } = setup(1000, 500);
    send(1000);
    d.flush();
    expect(batches[0]!.messages).toHaveLength(1000);
    send(800, 1000);
    d.flush(); // no budget left: nothing is sent, the newest wait
    expect(batches).toHaveLength(1);
    advance(100); // 50 messages' worth
    d.flush();
    const last = batches[1]!;
    expect(last.messages.map((m) => m.payload)).toEqual(
      Array.from({ length: 50 }, (_, i) => String(1750 + i)),
    );
    expect({ received: last.received, dropped: last.dropped }).toEqual({ received: 1800, dropped: 750 });
  });
});
