/**
 * Whether a Redis glob pattern (PSUBSCRIBE's: `*`, `?`, `[…]`, `\` escapes) matches at least one name that
 * starts with `prefix`. `*` can take the rest of the prefix, so any pattern that reaches one does.
 */
export function globMayMatchPrefix(pattern: string, prefix: string): boolean {
  let p = 0;
  for (let s = 0; s < prefix.length; s++) {
    if (p >= pattern.length) return false; // the pattern ends before the prefix does
    const c = pattern[p]!;
    if (c === '*') return true;
    if (c === '?') {
      p++;
      continue;
    }
    if (c === '[') {
      const cls = readClass(pattern, p + 1);
      if (!cls.has(prefix[s]!)) return false;
      p = cls.end;
      continue;
    }
    const literal = c === '\\' && p + 1 < pattern.length ? pattern[++p]! : c;
    if (literal !== prefix[s]) return false;
    p++;
  }
  return true; // whatever is left of the pattern matches some rest of a name
}

/** A `[…]` class starting after its `[`: which characters it takes, and where the pattern goes on after it. */
function readClass(pattern: string, from: number): { has(ch: string): boolean; end: number } {
  let i = from;
  const negate = pattern[i] === '^';
  if (negate) i++;
  const tests: Array<(ch: string) => boolean> = [];
  // Redis reads a class up to the next `]` (or the pattern's end), with `\` escaping and `a-z` ranges.
  while (i < pattern.length && pattern[i] !== ']') {
    let lo = pattern[i]!;
    if (lo === '\\' && i + 1 < pattern.length) lo = pattern[++i]!;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let hi = pattern[i + 2]!;
      if (hi === '\\' && i + 3 < pattern.length) hi = pattern[++i + 2]!;
      const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
      tests.push((ch) => ch >= a && ch <= b);
      i += 3;
    } else {
      tests.push((ch) => ch === lo);
      i++;
    }
  }
  const end = i < pattern.length ? i + 1 : i;
  return { has: (ch) => tests.some((t) => t(ch)) !== negate, end };
}
