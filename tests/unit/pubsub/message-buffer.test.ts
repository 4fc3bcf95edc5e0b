import { describe, expect, it } from 'vitest';
import { MessageBuffer } from '../../../src/core/pubsub/message-buffer';
import { messageView, type MessageView } from '../../../src/core/pubsub/message-view';

function msg(i: number, bytes = 10): MessageView {
  return messageView(Buffer.from('c'), undefined, Buffer.alloc(bytes, i % 256), false, i);
}

describe('MessageBuffer', () => {
  it('keeps everything in order while under its bounds', () => {
    const b = new MessageBuffer(10, 1_000_000);
    for (let i = 0; i < 7; i++) b.push(msg(i));
    expect(b.drain().map((m) => m.ts)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect({ received: b.received, dropped: b.dropped, length: b.length }).toEqual({
      received: 7,
      dropped: 0,
      length: 0,
    });
  });

  it('drops the oldest beyond its count and counts each drop', () => {
    const b = new MessageBuffer(5, 1_000_000);
    for (let i = 0; i < 12; i++) b.push(msg(i));
    expect(b.drain().map((m) => m.ts)).toEqual([7, 8, 9, 10, 11]);
    expect(b.dropped).toBe(7);
    for (let i = 12; i < 15; i++) b.push(msg(i));
    expect(b.drain().map((m) => m.ts)).toEqual([12, 13, 14]);
    expect(b.received).toBe(15);
  });

  it('drops the oldest beyond its byte budget, but always keeps the newest', () => {
    const b = new MessageBuffer(100, 1000);
    for (let i = 0; i < 10; i++) b.push(msg(i, 300));
    const kept = b.drain();
    expect(kept.map((m) => m.ts)).toEqual([8, 9]);
    b.push(msg(99, 5000));
    expect(b.drain().map((m) => m.ts)).toEqual([99]);
    expect(b.received - b.dropped).toBe(3);
  });

  it('holds received − dropped = drained + queued at every step', () => {
    const b = new MessageBuffer(64, 4096);
    let drained = 0;
    for (let i = 0; i < 5000; i++) {
      b.push(msg(i, (i * 37) % 200));
      if (i % 97 === 0) drained += b.drain().length;
      expect(b.received - b.dropped).toBe(drained + b.length);
    }
  });
});
