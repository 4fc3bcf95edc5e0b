import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMessage, copyAs, encodeMessage } from '../../../src/core/queues/drivers/celery/message';
import { searchMatcher } from '../../../src/core/queues/drivers/celery/search-match';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** The search's meaning, read the slow way: JSON.parse, then id, task and the body's text. */
function reference(text: string, needle: string): boolean {
  let hay: string;
  try {
    const e = obj(JSON.parse(text));
    const h = obj(e.headers);
    const raw = e.body;
    const body =
      typeof raw === 'string'
        ? obj(e.properties).body_encoding === 'base64'
          ? Buffer.from(raw, 'base64').toString('utf8')
          : raw
        : JSON.stringify(raw);
    hay = `${String(h.id ?? '')}\n${String(h.task ?? '')}\n${body}`;
  } catch {
    hay = text;
  }
  return hay.toLowerCase().includes(needle);
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');
const template = buildMessage({ task: 'qd.noop', queue: 'q', args: [] });
const copy = (): string => encodeMessage(copyAs(template, randomUUID()));
const withArgs = (task: string, args: unknown[]): string =>
  encodeMessage(buildMessage({ task, queue: 'q', args }));
/** Python's json.dumps spacing, with a root_id that is not the id and a body that varies. */
const pythonStyle = (n: number): string =>
  JSON.stringify({
    body: b64([[n], { who: `Zoë ${n}` }, { callbacks: null, errbacks: null, chain: null, chord: null }]),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: { lang: 'py', task: 'tasks.Add', id: `id-${n}`, root_id: `root-${n}`, argsrepr: `(${n},)` },
    properties: { body_encoding: 'base64', delivery_tag: randomUUID(), priority: 0 },
  }).replace(/([,:])(?=["{[0-9ntf])/g, '$1 ');

/** Texts that must not be read through a template: each differs from the copies in a way that matters. */
function oddOnes(): string[] {
  const e = JSON.parse(copy()) as Json;
  const h = e.headers as Json;
  return [
    JSON.stringify({ ...e, headers: { ...h, task: 'has "quotes" and \\ in it qd.noop' } }),
    JSON.stringify({ ...e, headers: { ...h, id: 5 } }),
    JSON.stringify({
      ...e,
      headers: { ...h, stamps: { id: 'qd.noop-nested', task: 'qd.noop' }, task: 'other' },
    }),
    JSON.stringify({ ...e, body: [[], { x: 'qd.noop' }, {}], properties: {} }),
    JSON.stringify({ ...e, properties: { ...(e.properties as Json), body_encoding: 'utf-8' } }),
    JSON.stringify({ ...e, body: JSON.stringify([['QD.NOOP'], {}, {}]), properties: {} }),
    JSON.stringify(e)
      .replace('"headers":{', '"headers":{"task":"qd.noop",')
      .replace('"task":"qd.noop"}', '"x":1}'),
    `${copy().slice(0, -1)},"headers":{"task":"other","id":"x"}}`,
    `${copy().slice(0, -1)},"headers":"none"}`,
    JSON.stringify(e, null, 2),
    copy().replace('"task":"qd.noop"', '"task":"qd.n\\u006fop"'),
    copy().replace('"task":"qd.noop"', '"task":"qd.no\nop"'),
    copy().replace('"task":"qd.noop"', '"tusk":"qd.noop"'),
    copy().replace('"task":"qd.noop"', '"tusk":"qd.noop"'),
    copy().slice(0, -1),
    `${copy()}x`,
    'not json qd.noop',
    '"qd.noop"',
    '[]',
    withArgs('qd.noop', ['needle inside']),
    withArgs('other.task', ['QD.NOOP in the args']),
  ];
}

/** A text with one character changed, added or removed at a random place. */
function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const chars = ['"', '\\', '\n', '{', '}', '[', ',', ':', ' ', 'x', '0', 'q'];
  const c = chars[Math.floor(rnd() * chars.length)] as string;
  const kind = rnd();
  if (kind < 0.4) return text.slice(0, at) + c + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + c + text.slice(at + 1);
  return text.slice(0, at) + text.slice(at + 1);
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function expectSameAsReference(texts: string[], needle: string): void {
  const isMatch = searchMatcher(needle);
  const wrong = texts.filter((t) => isMatch(t) !== reference(t, needle));
  expect(wrong).toEqual([]);
}

describe('celery search matcher', () => {
  it('counts copies exactly, by task, by id and by body text', () => {
    const texts = Array.from({ length: 500 }, copy);
    for (const needle of ['qd.noop', 'qd.', texts[7]!.slice(200, 212).toLowerCase(), 'callbacks', 'nothing'])
      expectSameAsReference(texts, needle);
    const byId = JSON.parse(texts[123]!) as { headers: { id: string } };
    const isMatch = searchMatcher(byId.headers.id.slice(0, 13));
    expect(texts.filter(isMatch)).toHaveLength(1);
  });

  it('agrees with JSON.parse on odd messages between copies, whatever the template holds then', () => {
    const texts: string[] = [];
    for (const odd of oddOnes()) texts.push(copy(), copy(), copy(), odd, copy());
    for (const needle of ['qd.noop', 'other', 'needle', 'zoë', 'quotes', '"', 'undefined', 'x', '\nqd'])
      expectSameAsReference(texts, needle);
  });

  it('agrees on Python-shaped messages whose ids, bodies and reprs all differ', () => {
    const texts = Array.from({ length: 300 }, (_, i) => pythonStyle(i));
    for (const needle of ['tasks.add', 'root-1', 'id-12', 'zoë 29', '"who"', '(7,)'])
      expectSameAsReference(texts, needle);
  });

  it('agrees on thousands of copies with one character changed anywhere', () => {
    const rnd = seeded(42);
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(copy(), mutate(copy(), rnd));
    for (const needle of ['qd.noop', 'qd.noo', 'q', '0', 'callbacks']) expectSameAsReference(texts, needle);
  });
});
