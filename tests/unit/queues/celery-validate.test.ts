import { describe, expect, it } from 'vitest';
import { buildMessage, encodeMessage } from '../../../src/core/queues/drivers/celery/message';
import { validateEncoded } from '../../../src/core/queues/drivers/celery/validate';

type Json = Record<string, unknown>;

function valid(): Json {
  return JSON.parse(encodeMessage(buildMessage({ task: 'qd.add', queue: 'celery', args: [1, 2] }))) as Json;
}

function withBody(env: Json, body: unknown): Json {
  return { ...env, body: Buffer.from(JSON.stringify(body)).toString('base64') };
}

/** Each of these killed or confused a Celery 5.2.6 worker (protocol §1.8): the validator must refuse them all. */
const MUTATIONS: Array<[string, (e: Json) => Json]> = [
  ['no delivery_tag', (e) => ({ ...e, properties: { ...(e.properties as Json), delivery_tag: undefined } })],
  [
    'no delivery_info',
    (e) => ({ ...e, properties: { ...(e.properties as Json), delivery_info: undefined } }),
  ],
  [
    'no routing key',
    (e) => ({ ...e, properties: { ...(e.properties as Json), delivery_info: { exchange: '' } } }),
  ],
  ['no headers.id', (e) => ({ ...e, headers: { ...(e.headers as Json), id: undefined } })],
  ['no headers.task', (e) => ({ ...e, headers: { ...(e.headers as Json), task: undefined } })],
  ['bad eta', (e) => ({ ...e, headers: { ...(e.headers as Json), eta: 'soon' } })],
  ['timelimit of one', (e) => ({ ...e, headers: { ...(e.headers as Json), timelimit: [1] } })],
  ['priority 300', (e) => ({ ...e, properties: { ...(e.properties as Json), priority: 300 } })],
  ['msgpack', (e) => ({ ...e, 'content-type': 'application/x-msgpack' })],
  ['2-element body', (e) => withBody(e, [[1], {}])],
  ['args not a list', (e) => withBody(e, [{ a: 1 }, {}, null])],
  ['kwargs a list', (e) => withBody(e, [[1], [2], null])],
  ['callback without all six keys', (e) => withBody(e, [[1], {}, { callbacks: [{ task: 'x', args: [] }] }])],
  ['body not base64', (e) => ({ ...e, body: '%%%' })],
  ['body not JSON', (e) => ({ ...e, body: Buffer.from('[1,').toString('base64') })],
];

describe('Celery message validation', () => {
  it('passes what QueueDesk builds, with every canvas field', () => {
    const message = buildMessage({
      task: 'qd.add',
      queue: 'celery',
      args: [1],
      kwargs: { a: 1 },
      options: { delayMs: 10, expiresMs: 100, priority: 3, timeLimitSec: 5, softTimeLimitSec: 4 },
      link: [{ task: 'qd.add', args: [2], kwargs: {}, immutable: false }],
    });
    expect(() => validateEncoded(encodeMessage(message))).not.toThrow();
  });

  it.each(MUTATIONS)('refuses a message with %s', (_name, mutate) => {
    const text = JSON.stringify(mutate(valid()));
    expect(() => validateEncoded(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('refuses random damage to required fields, whatever the junk', () => {
    const junk: unknown[] = [null, 0, -1, '', 'x', [], {}, true, 1.5, [null]];
    const paths: Array<[string, string]> = [
      ['headers', 'task'],
      ['headers', 'id'],
      ['headers', 'retries'],
      ['headers', 'root_id'],
      ['properties', 'delivery_tag'],
      ['properties', 'delivery_info'],
      ['properties', 'body_encoding'],
      ['properties', 'correlation_id'],
    ];
    let refused = 0;
    for (const [section, field] of paths) {
      for (const value of junk) {
        const e = valid();
        const part = e[section] as Json;
        const before = part[field];
        if (typeof before === typeof value && typeof value === 'string' && value !== '') continue; // still valid
        if (typeof before === 'number' && typeof value === 'number' && Number.isInteger(value) && value >= 0)
          continue;
        part[field] = value;
        expect(
          () => validateEncoded(JSON.stringify(e)),
          `${section}.${field}=${JSON.stringify(value)}`,
        ).toThrow();
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(60);
  });
});
