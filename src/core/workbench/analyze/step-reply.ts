import type { RawStep } from './page-script';

/** One script call's answer, parsed without a string per number (a million keys, five numbers each). */
export interface MeasuredStep {
  /** Next SCAN cursor; "" for a keys-mode call. */
  cursor: string;
  /** Every name of the step as one latin1 string (one char per byte, so any bytes round-trip). */
  names: string;
  /** Name i is names[offsets[i] .. offsets[i + 1]). */
  offsets: number[];
  /** Names 0 .. measured−1 carry figures; the rest were left for another call. */
  measured: number;
  typeNames: string[];
  /** Per measured name: index into typeNames. */
  types: number[];
  ttls: number[];
  /** −1 where the key was gone by the time it was measured. */
  bytes: number[];
  elements: number[];
  elapsedUs: number;
  blob: Buffer;
}

const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

/** "12,-2,7" → [12, −2, 7], straight from the bytes. */
export function readInts(buf: Buffer): number[] {
  const out: number[] = [];
  if (buf.length === 0) return out;
  let n = 0;
  let negative = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === COMMA) {
      out.push(negative ? -n : n);
      n = 0;
      negative = false;
    } else if (c === MINUS) negative = true;
    else n = n * 10 + (c - ZERO);
  }
  out.push(negative ? -n : n);
  return out;
}

export function parseStep(raw: RawStep): MeasuredStep {
  const [cursor, blob, lengths, measured, typeNames, types, ttls, bytes, elements, elapsedUs] = raw;
  const lens = readInts(lengths);
  const offsets = new Array<number>(lens.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < lens.length; i++) offsets[i + 1] = offsets[i]! + lens[i]!;
  return {
    cursor: cursor.toString('latin1'),
    names: blob.toString('latin1'),
    offsets,
    measured: Number(measured),
    typeNames: typeNames.length ? typeNames.toString('latin1').split(',') : [],
    types: readInts(types),
    ttls: readInts(ttls),
    bytes: readInts(bytes),
    elements: readInts(elements),
    elapsedUs: Number(elapsedUs),
    blob,
  };
}

/** The names a budget-cut call did not reach, to be measured by the next. */
export function unmeasured(step: MeasuredStep): Buffer[] {
  const out: Buffer[] = [];
  for (let i = step.measured; i < step.offsets.length - 1; i++)
    out.push(step.blob.subarray(step.offsets[i], step.offsets[i + 1]));
  return out;
}
