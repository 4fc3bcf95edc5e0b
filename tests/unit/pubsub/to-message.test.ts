import { describe, expect, it } from 'vitest';
import { capPayload, channelDecoder, toMessage } from '../../../src/core/pubsub/to-message';

describe('capPayload', () => {
  it('leaves short payloads alone', () => {
    const b = Buffer.from('short');
    expect(capPayload(b, 10)).toBe(b);
  });

  it('never splits a UTF-8 character', () => {
    const text = 'a' + '€'.repeat(10); // 1 + 30 bytes
    for (let cap = 1; cap < 31; cap++) {
      const cut = capPayload(Buffer.from(text), cap);
      expect(cut.length).toBeLessThanOrEqual(cap);
      expect(text.startsWith(cut.toString('utf8'))).toBe(true);
    }
  });
});

describe('toMessage', () => {
  it('flags binary channel and payload as base64 and cut payloads with their size', () => {
    const m = toMessage(
      { channel: Buffer.from([0xc3]), payload: Buffer.from([0xff]), size: 5000, ts: 7, pattern: 'p*' },
      channelDecoder(),
    );
    expect(m).toEqual({
      channel: 'ww==',
      channelEncoding: 'base64',
      payload: '/w==',
      payloadEncoding: 'base64',
      pattern: 'p*',
      truncated: true,
      size: 5000,
      ts: 7,
    });
  });
});
