import { describe, expect, it } from 'vitest';
import type { PubSubMessage } from '../../../src/shared/contract';
import {
  appendCapped,
  hexDump,
  prettyPayload,
  rowFilter,
  toJsonLines,
  type MessageRow,
} from '../../../src/renderer/src/stores/pubsub-format';

const msg = (payload: string, extra: Partial<PubSubMessage> = {}): PubSubMessage => ({
  channel: 'c',
  payload,
  ts: 1,
  ...extra,
});

describe('appendCapped', () => {
  it('keeps the newest rows up to the cap and counts the ones pushed out', () => {
    let rows: MessageRow[] = [];
    let trimmedTotal = 0;
    let nextId = 1;
    for (let b = 0; b < 5; b++) {
      const batch = Array.from({ length: 7 }, (_, i) => msg(String(b * 7 + i)));
      const r = appendCapped(rows, batch, nextId, 10);
      rows = r.rows;
      trimmedTotal += r.trimmed;
      nextId += batch.length;
    }
    expect(rows.map((r) => r.payload)).toEqual(['25', '26', '27', '28', '29', '30', '31', '32', '33', '34']);
    expect(rows.map((r) => r.id)).toEqual([26, 27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(trimmedTotal).toBe(25);
  });

  it('takes only the tail of a batch larger than the cap', () => {
    const batch = Array.from({ length: 25 }, (_, i) => msg(String(i)));
    const r = appendCapped([], batch, 100, 10);
    expect(r.rows[0]).toMatchObject({ payload: '15', id: 115 });
    expect(r.trimmed).toBe(15);
  });
});

describe('rowFilter', () => {
  it('matches channel, pattern or payload, ignoring case and regex characters', () => {
    const rows = [
      { ...msg('{"total": 9.5}'), id: 1 },
      { ...msg('x', { channel: 'Orders:Paid' }), id: 2 },
      { ...msg('y', { pattern: 'a.*' }), id: 3 },
    ];
    expect(rows.filter(rowFilter('ORDERS')).map((r) => r.id)).toEqual([2]);
    expect(rows.filter(rowFilter('9.5')).map((r) => r.id)).toEqual([1]);
    expect(rows.filter(rowFilter('a.*')).map((r) => r.id)).toEqual([3]);
    expect(rows.filter(rowFilter('  ')).length).toBe(3);
  });
});

describe('payload display', () => {
  it('pretty-prints JSON only when it is whole JSON text', () => {
    expect(prettyPayload(msg('{"a":[1]}'))).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyPayload(msg('{"a":')).json).toBe(false);
    expect(prettyPayload(msg('{"a":1}', { truncated: true, size: 99_999 })).json).toBe(false);
    expect(prettyPayload(msg('e30=', { payloadEncoding: 'base64' })).json).toBe(false);
  });

  it('dumps binary as hex with printable characters beside', () => {
    expect(hexDump(btoa('AB\x00\xff'))).toBe(`000000  41 42 00 ff${' '.repeat(36)}  AB..`);
  });

  it('exports one JSON object per line without the row id', () => {
    const text = toJsonLines([{ ...msg('p', { pattern: 'c*' }), id: 9 }]);
    expect(text).toBe('{"channel":"c","payload":"p","ts":1,"pattern":"c*"}\n');
  });
});
