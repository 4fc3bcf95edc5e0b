const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Natural order for key names: runs of digits compare as numbers (board:9 < board:10008 < board:100076), the
 * rest by UTF-16 code unit, as before. Equal numbers with more leading zeros come after ("a01" > "a1").
 * Hand-written rather than Intl.Collator: a million-row sort runs ~20 million of these.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let zeros = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (!isDigit(ca) || !isDigit(cb)) {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
      continue;
    }
    // Two digit runs: skip leading zeros, then the longer number is bigger, else the first digit that differs.
    const za = i;
    const zb = j;
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    let ea = i;
    let eb = j;
    while (ea < a.length && isDigit(a.charCodeAt(ea))) ea++;
    while (eb < b.length && isDigit(b.charCodeAt(eb))) eb++;
    if (ea - i !== eb - j) return ea - i - (eb - j);
    for (; i < ea; i++, j++) {
      const d = a.charCodeAt(i) - b.charCodeAt(j);
      if (d !== 0) return d;
    }
    if (!zeros) zeros = i - za - (j - zb);
  }
  return a.length - i - (b.length - j) || zeros;
}
