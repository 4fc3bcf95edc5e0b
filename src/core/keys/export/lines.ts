import type { Redis } from 'ioredis';
import { fieldValue } from '../readers/hash';
import { valueField } from '../key-ref';
import { encodeBytes } from '../../bytes';

/** Elements per SCAN/RANGE call: big enough to keep round trips few, small enough to keep Redis responsive. */
export const PAGE = 1000;

type RawEntry = [Buffer, Buffer[]];

/** One JSON line per element, in the API's own shapes (base64 with an encoding flag for non-UTF-8 bytes). */
const line = (o: unknown): string => `${JSON.stringify(o)}\n`;

export async function* hashLines(redis: Redis, key: Buffer): AsyncGenerator<string> {
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscanBuffer(key, cursor, 'COUNT', PAGE);
    let out = '';
    for (let i = 0; i + 1 < flat.length; i += 2) out += line(fieldValue(flat[i]!, flat[i + 1]!));
    if (out) yield out;
    cursor = next.toString();
  } while (cursor !== '0');
}

export async function* setLines(redis: Redis, key: Buffer): AsyncGenerator<string> {
  let cursor = '0';
  do {
    const [next, members] = await redis.sscanBuffer(key, cursor, 'COUNT', PAGE);
    if (members.length) yield members.map((m) => line(valueField(m))).join('');
    cursor = next.toString();
  } while (cursor !== '0');
}

export async function* listLines(redis: Redis, key: Buffer): AsyncGenerator<string> {
  for (let start = 0; ; start += PAGE) {
    const items = await redis.lrangeBuffer(key, start, start + PAGE - 1);
    if (items.length) yield items.map((b) => line(valueField(b))).join('');
    if (items.length < PAGE) return;
  }
}

export async function* zsetLines(redis: Redis, key: Buffer): AsyncGenerator<string> {
  for (let start = 0; ; start += PAGE) {
    const flat = await redis.zrangeBuffer(key, String(start), String(start + PAGE - 1), 'WITHSCORES');
    let out = '';
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const m = encodeBytes(flat[i]!);
      const member = { member: m.text, ...(m.encoding ? { memberEncoding: m.encoding } : {}) };
      out += line({ ...member, score: Number(flat[i + 1]!.toString()) });
    }
    if (out) yield out;
    if (flat.length < PAGE * 2) return;
  }
}

/** XRANGE continues after the last id seen (exclusive), so no entry repeats. */
export async function* streamLines(redis: Redis, key: Buffer): AsyncGenerator<string> {
  let start = '-';
  for (;;) {
    const raw = (await redis.xrangeBuffer(key, start, '+', 'COUNT', PAGE)) as RawEntry[];
    let out = '';
    for (const [id, flat] of raw) {
      const fields = [];
      for (let i = 0; i + 1 < flat.length; i += 2) fields.push(fieldValue(flat[i]!, flat[i + 1]!));
      out += line({ id: id.toString(), fields });
    }
    if (out) yield out;
    if (raw.length < PAGE) return;
    start = `(${raw.at(-1)![0].toString()}`;
  }
}
