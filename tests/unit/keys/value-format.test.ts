import { describe, expect, it } from 'vitest';
import { fromBytes, fromHex, toBytes, toHex } from '../../../src/renderer/src/components/ValueViewer/bytes';
import { decodeCelery } from '../../../src/renderer/src/components/ValueViewer/celery';
import { autoMode, formatValue } from '../../../src/renderer/src/components/ValueViewer/format';
import { formatTtl } from '../../../src/renderer/src/pages/Keys/ttl';

describe('value viewer formatting', () => {
  it('picks hex for binary, JSON for JSON, text otherwise', () => {
    expect(autoMode({ value: '/w==', valueEncoding: 'base64' })).toBe('hex');
    expect(autoMode({ value: '{"a":1}' })).toBe('json');
    expect(autoMode({ value: '12' })).toBe('text');
    expect(formatValue({ value: '{"a":[1]}' }, 'json').text).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatValue({ value: 'not json' }, 'json').mode).toBe('text');
    expect(formatValue({ value: 'AB' }, 'hex').text).toBe('41 42');
  });

  it('round-trips any bytes through hex and the wire form', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromHex(toHex(all))).toEqual(all);
    const wire = fromBytes(all);
    expect(wire.valueEncoding).toBe('base64');
    expect(toBytes(wire)).toEqual(all);
    expect(fromBytes(new TextEncoder().encode('héllo'))).toEqual({ value: 'héllo' });
    expect(fromHex('zz')).toBeNull();
  });

  it('decodes a Celery message body into args and kwargs', () => {
    const body = [[2, 3], { debug: true }, { callbacks: null, errbacks: null, chain: null, chord: null }];
    const envelope = {
      body: btoa(JSON.stringify(body)),
      headers: { task: 'tasks.add', id: 'abc', lang: 'py' },
      properties: { body_encoding: 'base64', delivery_tag: 't' },
    };
    expect(decodeCelery(envelope)).toMatchObject({
      task: 'tasks.add',
      id: 'abc',
      args: [2, 3],
      kwargs: { debug: true },
    });
    expect(formatValue({ value: JSON.stringify(envelope) }, 'json').celery?.task).toBe('tasks.add');
    expect(decodeCelery({ body: 'x', headers: {} })).toBeUndefined();
    expect(decodeCelery({ a: 1 })).toBeUndefined();
  });

  it('formats TTLs', () => {
    expect(formatTtl(null)).toBe('no expiry');
    expect(formatTtl(58_001)).toBe('59s');
    expect(formatTtl(125_000)).toBe('2m 05s');
    expect(formatTtl(3 * 3600_000 + 60_000)).toBe('3h 01m');
    expect(formatTtl(0)).toBe('expired');
  });
});
