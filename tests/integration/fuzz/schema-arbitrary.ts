import fc from 'fast-check';
import { z } from 'zod';
import { BASE64_GARBAGE, base64Bytes } from './hostile';

/** The parts of JSON Schema that z.toJSONSchema writes for the contract (anything else is taken as "any"). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
}

/** A method's input as JSON Schema, as a caller sends it (defaults not yet applied). */
export function inputSchema(schema: z.ZodType): Schema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
}

export interface ArbOptions {
  /** "valid" aims at what the schema accepts; "edgy" also puts values just past each limit, now and then. */
  mode: 'valid' | 'edgy';
  /** Strings worth trying anywhere (the names of seeded keys, queues, ids), mixed into every string. */
  dictionary: readonly string[];
  root: Schema;
}

const anyJson = fc.jsonValue({ maxDepth: 2 });

/** An arbitrary for values of a JSON Schema; the refinements zod adds beyond it are left to chance. */
export function schemaArbitrary(s: Schema, o: ArbOptions, depth = 0): fc.Arbitrary<unknown> {
  if (s.$ref) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    const target = o.root.$defs?.[name];
    return target && depth < 4 ? schemaArbitrary(target, o, depth + 1) : fc.constant({});
  }
  if (s.const !== undefined) return edgy(o, fc.constant(s.const), fc.constant(`${String(s.const)}x`));
  if (s.enum) return edgy(o, fc.constantFrom(...s.enum), fc.constantFrom('', 'NOT-A-MEMBER', 0));
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => schemaArbitrary(c, o, depth + 1)));
  if (s.allOf) return schemaArbitrary(Object.assign({}, ...s.allOf) as Schema, o, depth + 1);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((t) => schemaArbitrary({ ...s, type: t }, o, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(s, o);
    case 'integer':
    case 'number':
      return numberArbitrary(s, o, types[0] === 'integer');
    case 'boolean':
      return edgy(o, fc.boolean(), fc.constantFrom('true', 0, 1));
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(s, o, depth);
    case 'object':
      return objectArbitrary(s, o, depth);
    default:
      return anyJson;
  }
}

/** In edgy mode, one value in six is the off-by-one one. */
function edgy<T>(o: ArbOptions, valid: fc.Arbitrary<T>, edge: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return o.mode === 'valid'
    ? valid
    : fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: edge, weight: 1 });
}

function stringArbitrary(s: Schema, o: ArbOptions): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? min + 40, min + 40);
  let base: fc.Arbitrary<string>;
  if (s.format === 'date-time') {
    base = fc
      .date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true })
      .map((d) => d.toISOString());
  } else if (s.pattern) {
    const max = s.maxLength;
    base = fc.stringMatching(new RegExp(s.pattern)).map((v) => (max === undefined ? v : v.slice(0, max)));
  } else {
    base = fc.oneof(
      fc.string({ minLength: min, maxLength: max }),
      fc.string({ unit: 'binary', minLength: min, maxLength: max }),
    );
  }
  const valid = fc.oneof(
    { arbitrary: base, weight: 3 },
    { arbitrary: fc.constantFrom(...o.dictionary), weight: 1 },
  );
  const edges: Array<fc.Arbitrary<unknown>> = [fc.constantFrom(...BASE64_GARBAGE), base64Bytes, fc.integer()];
  if (s.maxLength !== undefined && s.maxLength < 200_000_000)
    edges.push(fc.constant('x'.repeat(s.maxLength + 1)));
  if (min > 0) edges.push(fc.constant('x'.repeat(min - 1)));
  return edgy(o, valid, fc.oneof(...edges));
}

function numberArbitrary(s: Schema, o: ArbOptions, integer: boolean): fc.Arbitrary<unknown> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -(2 ** 40));
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 2 ** 40);
  // Whole numbers inside the range; a fractional bound (a share from 0.01 to 0.5) may leave none.
  const smallLo = Math.ceil(Math.max(lo, -1000));
  const smallHi = Math.floor(Math.min(hi, Math.max(lo, -1000) + 2000));
  const small =
    smallLo <= smallHi
      ? fc.integer({ min: smallLo, max: smallHi })
      : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const valid = integer
    ? fc.oneof(
        small,
        fc.integer({
          min: Math.ceil(Math.max(lo, Number.MIN_SAFE_INTEGER)),
          max: Math.floor(Math.min(hi, Number.MAX_SAFE_INTEGER)),
        }),
      )
    : fc.oneof(small, fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
  const edges = [fc.constantFrom<unknown>(lo - 1, hi + 1, '1', 1.5, Number.MAX_SAFE_INTEGER + 2)];
  return edgy(o, valid, fc.oneof(...edges));
}

function arrayArbitrary(s: Schema, o: ArbOptions, depth: number): fc.Arbitrary<unknown> {
  if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => schemaArbitrary(p, o, depth + 1)));
  const min = s.minItems ?? 0;
  const max = Math.min(s.maxItems ?? min + 4, min + 4);
  const items = s.items ? schemaArbitrary(s.items, o, depth + 1) : anyJson;
  const valid = fc.array(items, { minLength: min, maxLength: max });
  const edges: Array<fc.Arbitrary<unknown>> = [fc.constant({ 0: 'not an array' })];
  if (s.maxItems !== undefined && s.maxItems <= 200_000) {
    // One item too many, each a valid one: an edgy item (a string one past 100,000) repeated 100,001 times
    // would be a value no JSON string can hold.
    const validItem = s.items ? schemaArbitrary(s.items, { ...o, mode: 'valid' }, depth + 1) : anyJson;
    edges.push(validItem.map((v) => Array.from({ length: (s.maxItems as number) + 1 }, () => v)));
  }
  if (min > 0) edges.push(fc.constant([]));
  return edgy(o, valid, fc.oneof(...edges));
}

function objectArbitrary(s: Schema, o: ArbOptions, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, p] of Object.entries(props)) model[k] = schemaArbitrary(p, o, depth + 1);
  const required = (s.required ?? []).filter((k) => k in props);
  let obj: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    const keys = s.propertyNames
      ? (stringArbitrary(s.propertyNames, { ...o, mode: 'valid' }) as fc.Arbitrary<string>)
      : fc.string();
    const extra = fc.dictionary(keys, schemaArbitrary(s.additionalProperties, o, depth + 1), { maxKeys: 3 });
    obj = fc.tuple(obj, extra).map(([a, b]) => ({ ...b, ...a }));
  }
  // A field with a sibling "<field>Encoding" may be sent as base64: as real bytes, or as garbage.
  const encoded = Object.keys(props).filter((k) => `${k}Encoding` in props);
  if (encoded.length === 0) return obj;
  return fc
    .tuple(
      obj,
      fc.option(fc.constantFrom(...encoded), { freq: 3 }),
      fc.oneof(base64Bytes, fc.constantFrom(...BASE64_GARBAGE)),
    )
    .map(([value, field, bytes]) =>
      field ? { ...value, [field]: bytes, [`${field}Encoding`]: 'base64' } : value,
    );
}
