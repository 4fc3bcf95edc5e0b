/** Starting slots; the table doubles past half full, so 1M names take 2^21 slots × 8 bytes = 16 MB. */
const INITIAL_SLOTS = 1 << 12;

/**
 * The distinct key names seen, as 64-bit fingerprints in an open-addressing table of two Uint32Arrays'
 * worth (8 bytes a name, against ~80 for a Set of strings): counting a million matches costs ~16 MB, not
 * ~80 MB. Two names share a fingerprint with odds of about n²/2^65 (under 1 in 30 million at 1M names), so
 * the count is exact in practice; it never counts one name twice.
 */
export class NameSet {
  private table = new Uint32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
  size = 0;

  /** Adds a name; true when it was not there yet. */
  add(name: Buffer): boolean {
    const [hi, fp] = fingerprint(name);
    const lo = hi === 0 && fp === 0 ? 1 : fp; // (0, 0) marks an empty slot
    if (!this.insert(this.table, this.mask, hi, lo)) return false;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.grow();
    return true;
  }

  private insert(table: Uint32Array, mask: number, hi: number, lo: number): boolean {
    // Slot from `lo`, compare both halves: `hi` and `lo` are independent hashes.
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const h = table[i * 2]!;
      const l = table[i * 2 + 1]!;
      if (h === 0 && l === 0) {
        table[i * 2] = hi;
        table[i * 2 + 1] = lo;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const table = new Uint32Array(slots * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.insert(table, slots - 1, old[i]!, old[i + 1]!);
    }
    this.table = table;
    this.mask = slots - 1;
  }
}

/** Two 32-bit hashes of the bytes with different multipliers and seeds, each finished by murmur3's fmix32. */
export function fingerprint(bytes: Buffer): [number, number] {
  let a = 0x811c9dc5 ^ bytes.length;
  let b = 0x9747b28c;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix32(a), fmix32(b ^ bytes.length)];
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
