import { describe, expect, it } from 'vitest';
import { parsePyLiteral } from '../../../src/core/queues/drivers/celery/py-literal';
import { decodeMessage } from '../../../src/core/queues/drivers/celery/decode';
import { copyFromReceived } from '../../../src/core/queues/drivers/celery/received-copy';
import { pyRepr } from '../../../src/core/queues/drivers/celery/repr';

describe('reading back the Python repr of task args', () => {
  it('reads tuples, lists, dicts, strings with escapes, numbers and None/True/False', () => {
    expect(parsePyLiteral("('qd-key',)")).toEqual({ value: ['qd-key'] });
    expect(parsePyLiteral('(2, 3)')).toEqual({ value: [2, 3] });
    expect(parsePyLiteral('()')).toEqual({ value: [] });
    expect(parsePyLiteral("{'k': 'v', 'n': [1, -2.5, 1e3], 'x': None, 'y': (True, False)}")).toEqual({
      value: { k: 'v', n: [1, -2.5, 1000], x: null, y: [true, false] },
    });
    expect(parsePyLiteral(`"it's" `)).toEqual({ value: "it's" });
    expect(parsePyLiteral("'a\\'b\\\\c\\n\\x41\\u00e9'")).toEqual({ value: "a'b\\c\nAé" });
    expect(parsePyLiteral("{'__proto__': 1}")?.value).toEqual(JSON.parse('{"__proto__": 1}'));
  });

  it("reads back what QueueDesk's own repr writes", () => {
    const value = [1, 'two', { three: [3, null, true] }, "q'uote"];
    expect(parsePyLiteral(pyRepr(value))).toEqual({ value });
  });

  it('gives null for what is not plain data or was cut short', () => {
    for (const text of [
      "(b'bytes',)",
      '{1, 2}',
      '{1: 2}',
      'datetime.datetime(2024, 1, 1)',
      "('long...",
      "['a', 'b'...",
      'inf',
      '(1, 2',
      '1 2',
      '',
    ])
      expect(parsePyLiteral(text), text).toBeNull();
  });
});

describe('a message rebuilt from a task-received event', () => {
  it('carries the task, id and args the event gave, to the queue named or none', () => {
    const event = {
      type: 'task-received',
      uuid: 'a1',
      name: 'qd.flaky',
      args: "('key-1', 2)",
      kwargs: "{'mode': 'x'}",
    };
    const copy = copyFromReceived(event, 'q1');
    const decoded = decodeMessage(copy?.raw as string);
    expect(decoded).toMatchObject({ id: 'a1', task: 'qd.flaky', args: ['key-1', 2], kwargs: { mode: 'x' } });
    expect(decoded.routingKey).toBe('q1');
    expect(decodeMessage(copyFromReceived(event, '')?.raw as string).routingKey || null).toBeNull();
    expect(copyFromReceived({ ...event, args: "(b'x',)" }, 'q1')).toBeNull();
    expect(copyFromReceived({ ...event, name: undefined }, 'q1')).toBeNull();
  });
});
