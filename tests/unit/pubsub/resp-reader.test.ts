import { describe, expect, it } from 'vitest';
import { RespError, RespReader, type Reply } from '../../../src/core/pubsub/resp-reader';
import { encodeCommand } from '../../../src/core/pubsub/resp-link';

interface Seen {
  channel: string;
  pattern?: string;
  payload: string;
  shard: boolean;
}

function reader(): { r: RespReader; messages: Seen[]; replies: Reply[] } {
  const messages: Seen[] = [];
  const replies: Reply[] = [];
  const r = new RespReader({
    message: (v) =>
      messages.push({
        channel: v.buf.toString('utf8', v.channelFrom, v.channelTo),
        ...(v.patternFrom >= 0 ? { pattern: v.buf.toString('utf8', v.patternFrom, v.patternTo) } : {}),
        payload: v.buf.toString('utf8', v.payloadFrom, v.payloadTo),
        shard: v.shard,
      }),
    reply: (x) => replies.push(x),
  });
  return { r, messages, replies };
}

const big = 'é'.repeat(30_000);
/** What a subscriber connection reads: confirmations, the three kinds of message, a PONG, an error. */
const stream = Buffer.concat([
  encodeCommand(['subscribe', 'a']),
  Buffer.from('*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n'),
  encodeCommand(['message', 'a', 'hello']),
  encodeCommand(['pmessage', 'a*', 'ab', '']),
  encodeCommand(['smessage', 's{1}', 'shard']),
  encodeCommand(['message', 'a', big]),
  Buffer.from('*2\r\n$4\r\npong\r\n$0\r\n\r\n-NOPERM no\r\n+OK\r\n'),
]);

describe('RespReader', () => {
  it('reads messages and replies whatever the chunking, byte by byte included', () => {
    for (const size of [1, 2, 3, 7, 64, 4096, 70_000, stream.length]) {
      const { r, messages, replies } = reader();
      for (let at = 0; at < stream.length; at += size) r.feed(stream.subarray(at, at + size));
      expect(messages).toEqual([
        { channel: 'a', payload: 'hello', shard: false },
        { channel: 'ab', pattern: 'a*', payload: '', shard: false },
        { channel: 's{1}', payload: 'shard', shard: true },
        { channel: 'a', payload: big, shard: false },
      ]);
      expect(replies).toHaveLength(5);
      expect(replies[1]).toEqual([Buffer.from('subscribe'), Buffer.from('a'), 1]);
      expect(replies[2]).toEqual([Buffer.from('pong'), Buffer.from('')]);
      expect(replies[3]).toBeInstanceOf(RespError);
      expect(replies[4]).toEqual(Buffer.from('OK'));
    }
  });

  it('treats an array that only looks like a message by its length as a reply', () => {
    const { r, messages, replies } = reader();
    r.feed(encodeCommand(['unsubscribe', 'a', 'b']));
    expect(messages).toEqual([]);
    expect(replies).toEqual([[Buffer.from('unsubscribe'), Buffer.from('a'), Buffer.from('b')]]);
  });
});
