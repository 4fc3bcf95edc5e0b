import fc from 'fast-check';
import { hostileValue, PROTO_KEYS } from './hostile';

type Path = Array<string | number>;

function isContainer(v: unknown): v is Record<string | number, unknown> {
  return (
    typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)
  );
}

/** Every place in a value (the root first), at most 200. */
function places(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (isContainer(v) && out.length < 200) {
    for (const k of Object.keys(v)) places(v[k], [...at, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

/** A copy of root with `edit` applied to the container at `path`; only the containers on the way are copied. */
function editAt(
  root: unknown,
  path: Path,
  edit: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  if (path.length === 0) return root;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path as [string | number, ...Path];
  if (rest.length === 0) edit(copy, head);
  else copy[head] = editAt(copy[head], rest, edit);
  return copy;
}

function define(obj: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Near-valid input: a value of the schema with one place broken: replaced by a hostile value, dropped, or
 * joined by an extra key (often a prototype-pollution one). Whether that breaks validity is left to the schema.
 */
export function nearValid(valid: fc.Arbitrary<unknown>, jsonOnly: boolean): fc.Arbitrary<unknown> {
  const extraKeys = [...PROTO_KEYS, 'extra', ''];
  return fc
    .tuple(
      valid,
      fc.nat(),
      hostileValue(jsonOnly),
      fc.constantFrom('replace', 'drop', 'extra'),
      fc.constantFrom(...extraKeys),
    )
    .map(([value, pick, bad, how, extraKey]) => {
      const all = places(value);
      const path = all[pick % all.length] as Path;
      if (how === 'extra') {
        const containers = all.filter((p) =>
          isContainer(p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value)),
        );
        const target = containers[pick % Math.max(containers.length, 1)];
        if (!target) return bad;
        if (target.length === 0) {
          const copy = Array.isArray(value) ? [...value] : { ...(value as object) };
          define(copy as Record<string, unknown>, extraKey, bad);
          return copy;
        }
        return editAt(value, target, (parent, key) => {
          const inner = parent[key] as object;
          const copy = Array.isArray(inner) ? [...inner] : { ...inner };
          define(copy as Record<string, unknown>, extraKey, bad);
          parent[key] = copy;
        });
      }
      if (path.length === 0) return bad;
      return editAt(value, path, (parent, key) => {
        if (how === 'drop' && !Array.isArray(parent)) delete parent[key];
        else define(parent, key, bad);
      });
    });
}
