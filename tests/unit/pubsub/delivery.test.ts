import { afterEach, describe, expect, it } from 'vitest';
import type { PubSubMessagesEvent } from '../../../src/shared/contract';
import { BACKLOG_LIMIT_BYTES, Delivery } from '../../../src/core/pubsub/delivery';
import { messageView } from '../../../src/core/pubsub/message-view';

let delivery: Delivery | undefined;
afterEach(() => delivery?.stop());

function setup(capacity: number) {
  const batches: PubSubMessagesEvent[] = [];
  let backlog = 0;
  delivery = new Delivery({
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
  return { d: delivery, batches, send, setBacklog: (b: number) => (backlog = b) };
}

describe('Delivery', () => {
  it('sends nothing when nothing came in', () => {
    const { d, batches } = setup(10);
    d.flush();
    expect(batches).toEqual([]);
  });

  it('holds batches while the client is backed up, then sends what the buffer kept with exact counters', () => {
    const { d, batches, send, setBacklog } = setup(100);
    send(30);
    d.flush();
    expect(batches[0]).toMatchObject({ received: 30, dropped: 0 });
    setBacklog(BACKLOG_LIMIT_BYTES + 1);
    send(250, 30);
    d.flush();
    expect(batches).toHaveLength(1);
    setBacklog(0);
    d.flush();
    const last = batches[1]!;
    expect(last.messages.map((m) => m.payload)).toEqual(
      Array.from({ length: 100 }, (_, i) => String(180 + i)),
    );
    expect({ received: last.received, dropped: last.dropped }).toEqual({ received: 280, dropped: 150 });
    const delivered = batches.reduce((n, b) => n + b.messages.length, 0);
    expect(delivered).toBe(last.received - last.dropped);
  });
});
