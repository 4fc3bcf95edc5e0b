import fc from 'fast-check';

/** Keys that reach Object.prototype when code copies an object with plain assignment. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
];

/** An object whose own key (not its prototype) is `key`, as JSON.parse makes it. */
export function ownKey(key: string, value: unknown): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800', // a lone surrogate: not encodable as UTF-8
  '\uDFFFx',
  '\uFEFF',
  '\u202Eevil',
  '\uFFFE\uFFFF',
  '💥'.repeat(3),
  '%00',
  '%',
  '../../../../etc/passwd',
  '/etc/passwd',
  '*',
  '?',
  '[',
  '\\',
  '\r\nSET injected 1\r\n',
  '*3\r\n$3\r\nSET\r\n',
  '${7*7}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  '__proto__',
  '-1',
  '1e309',
  'NaN',
];

/** Strings a base64 field must reject or decode without surprise: bad alphabet, bad padding, whitespace. */
export const BASE64_GARBAGE = [
  '%%%',
  '====',
  'YQ',
  'Y',
  'YQ===',
  'Y Q = =',
  '\u0000',
  'ÿþ',
  '-_-_',
  'Zm9v!',
  '💥',
];

/** Bytes that are not UTF-8 (or are tricky in it), as valid base64: binary input the API must carry. */
export const base64Bytes = fc
  .uint8Array({ maxLength: 48 })
  .map((b) => Buffer.from([0xff, 0xfe, 0x00, 0xc0, 0xaf, ...b]).toString('base64'));

// Past every string limit of the contract (the largest is 100,000) yet quick to make and send.
const hugeString = fc
  .constantFrom(128 * 1024, 1024 * 1024)
  .chain((n) => fc.constantFrom('A'.repeat(n), 'é'.repeat(n / 2), '\u0000'.repeat(n / 8)));

/**
 * Values no method expects: wrong types, huge strings, deep nesting, prototype-pollution keys, NUL and lone
 * surrogates, base64 garbage. With `jsonOnly` false it adds what Electron's IPC (structured clone) can carry
 * and JSON cannot: undefined, NaN, BigInt, Date, Map, typed arrays, sparse arrays.
 */
export function hostileValue(jsonOnly: boolean): fc.Arbitrary<unknown> {
  const json: Array<fc.Arbitrary<unknown>> = [
    fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      0.5,
      -0.0,
      2 ** 53 + 2,
      -(2 ** 63),
      1e308,
      [],
      {},
      [[]],
      [null],
    ),
    fc.constantFrom(...ODD_STRINGS),
    fc.constantFrom(...BASE64_GARBAGE),
    hugeString,
    // JSON.stringify itself overflows the stack near 10,000 levels: deeper only where no JSON is made.
    fc
      .constantFrom(...(jsonOnly ? [100, 3_000] : [100, 3_000, 100_000]))
      .chain((d) => fc.constantFrom(nested(d, 'array'), nested(d, 'object'))),
    fc.constantFrom(...PROTO_KEYS).map((k) => ownKey(k, { polluted: 'yes' })),
    fc.constant({ constructor: { prototype: { polluted: 'yes' } } }),
    fc.constant(Array.from({ length: 100_001 }, () => 0)), // one past the longest list the contract takes
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
  ];
  if (jsonOnly) return fc.oneof(...json);
  const clone: Array<fc.Arbitrary<unknown>> = [
    fc.constantFrom<unknown>(
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      10n,
      new Date(Number.NaN),
      new Date(0),
      new Map([['a', 1]]),
      new Set([1]),
      new Uint8Array([0xff, 0]),
      // eslint-disable-next-line no-sparse-arrays
      [, 1],
    ),
  ];
  return fc.oneof(...json, ...clone);
}
