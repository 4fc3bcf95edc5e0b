/**
 * Checks a value against the parts of JSON Schema that task registries emit for args (type, properties,
 * required, enum, numeric and length bounds, items). Returns the first problem as "path: reason", or null.
 * Keywords it does not know are ignored: the worker checks the args again and names what it rejects.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, expected: unknown): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  const actual = typeOf(value);
  return list.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function checkBounds(value: unknown, s: Schema, at: string): string | null {
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return `${at}: must be ≥ ${s.minimum}`;
    if (typeof s.maximum === 'number' && value > s.maximum) return `${at}: must be ≤ ${s.maximum}`;
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && value.length < s.minLength)
      return `${at}: at least ${s.minLength} characters`;
    if (typeof s.maxLength === 'number' && value.length > s.maxLength)
      return `${at}: at most ${s.maxLength} characters`;
  }
  return null;
}

export function checkJsonSchema(value: unknown, schema: unknown, at = 'args'): string | null {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Schema;
  if (Array.isArray(s.anyOf)) {
    const ok = s.anyOf.some((alt) => checkJsonSchema(value, alt, at) === null);
    return ok ? null : `${at}: does not match any allowed shape`;
  }
  if (s.type !== undefined && !matchesType(value, s.type))
    return `${at}: expected ${Array.isArray(s.type) ? s.type.join(' or ') : String(s.type)}, got ${typeOf(value)}`;
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    return `${at}: must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  const bound = checkBounds(value, s, at);
  if (bound) return bound;
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of Array.isArray(s.required) ? (s.required as string[]) : [])
      if (!(key in obj)) return `${at}.${key}: required`;
    const props = (s.properties ?? {}) as Record<string, unknown>;
    for (const [key, sub] of Object.entries(props)) {
      if (!(key in obj)) continue;
      const problem = checkJsonSchema(obj[key], sub, `${at}.${key}`);
      if (problem) return problem;
    }
  }
  if (Array.isArray(value) && s.items) {
    for (let i = 0; i < value.length; i++) {
      const problem = checkJsonSchema(value[i], s.items, `${at}[${i}]`);
      if (problem) return problem;
    }
  }
  return null;
}
