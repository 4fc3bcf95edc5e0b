import { describe, expect, it } from 'vitest';
import { decodeCelery } from '../../../src/renderer/src/components/ValueViewer/celery';

const envelope = (routingKey: string) => ({
  body: btoa(JSON.stringify([[2, 3], { k: 1 }, {}])),
  headers: { task: 'qd.add', id: 't1' },
  properties: { body_encoding: 'base64', delivery_info: { exchange: '', routing_key: routingKey } },
});

describe('the key viewer decoding Celery messages', () => {
  it('reads the queue a message was sent to, to link it to its task', () => {
    expect(decodeCelery(envelope('reports'))).toMatchObject({
      task: 'qd.add',
      id: 't1',
      args: [2, 3],
      kwargs: { k: 1 },
      queue: 'reports',
    });
    expect(decodeCelery(envelope(''))?.queue).toBeNull();
  });

  it("decodes a worker's unacked entry [envelope, exchange, routing_key], queue from the entry", () => {
    expect(decodeCelery([envelope('ignored'), '', 'held'])).toMatchObject({ id: 't1', queue: 'held' });
    expect(decodeCelery([1, 2, 'x'])).toBeUndefined();
  });
});
