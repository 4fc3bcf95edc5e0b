import type { Redis } from 'ioredis';
import { fieldValue } from '../readers/hash';
import { valueField } from '../key-ref';
import { encodeBytes } from '../../bytes';

/** Elements per SCAN/RANGE call: big enough to keep round trips few, small enough to keep Redis responsive. */
export const PAGE = 1000;

type RawEntry = [Buffer, Buffer[]];

/** A sorted-set score as JSON can hold it: a number, or "inf" / "-inf" (JSON has no infinities). */
export function scoreJson(raw: Buffer | string): number | string {
  const n = Number(raw.toString());
  return Number.isFinite(n) ? n : raw.toString().replace(/^\+/, '');
}

export function zsetItem(member: Buffer, score: Buffer) {
  const m = encodeBytes(member);
  return { member: m.text, ...(m.encoding ? { memberEncoding: m.encoding } : {}), score: scoreJson(score) };
}

export function streamEntry([id, flat]: RawEntry) {
  const fields = [];
  for (let i = 0; i + 1 < flat.length; i += 2) fields.push(fieldValue(flat[i]!, flat[i + 1]!));
  return { id: id.toString(), fields };
}

/** Pages of a collection's elements in the API's own shapes (base64 with an encoding flag for non-UTF-8). */
export async function* hashItems(redis: Redis, key: Buffer) {
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscanBuffer(key, cursor, 'COUNT', PAGE);
    const page = [];
    for (let i = 0; i + 1 < flat.length; i += 2) page.push(fieldValue(flat[i]!, flat[i + 1]!));
    if (page.length) yield page;
    cursor = next.toString();
  } while (cursor !== '0');
}

export async function* setItems(redis: Redis, key: Buffer) {
  let cursor = '0';
  do {
    const [next, members] = await redis.sscanBuffer(key, cursor, 'COUNT', PAGE);
    if (members.length) yield members.map(valueField);
    cursor = next.toString();
  } while (cursor !== '0');
}

export async function* listItems(redis: Redis, key: Buffer) {
  for (let start = 0; ; start += PAGE) {
    const items = await redis.lrangeBuffer(key, start, start + PAGE - 1);
    if (items.length) yield items.map(valueField);
    if (items.length < PAGE) return;
  }
}

export async function* zsetItems(redis: Redis, key: Buffer) {
  for (let start = 0; ; start += PAGE) {
    const flat = await redis.zrangeBuffer(key, String(start), String(start + PAGE - 1), 'WITHSCORES');
    const page = [];
    for (let i = 0; i + 1 < flat.length; i += 2) page.push(zsetItem(flat[i]!, flat[i + 1]!));
    if (page.length) yield page;
    if (flat.length < PAGE * 2) return;
  }
}

/** XRANGE continues after the last id seen (exclusive), so no entry repeats. */
export async function* streamItems(redis: Redis, key: Buffer) {
  let start = '-';
  for (;;) {
    const raw = (await redis.xrangeBuffer(key, start, '+', 'COUNT', PAGE)) as RawEntry[];
    if (raw.length) yield raw.map(streamEntry);
    if (raw.length < PAGE) return;
    start = `(${raw.at(-1)![0].toString()}`;
  }
}

/** One JSON line per element. */
async function* asLines(pages: AsyncGenerator<unknown[]>): AsyncGenerator<string> {
  for await (const page of pages) yield page.map((o) => `${JSON.stringify(o)}\n`).join('');
}

export const hashLines = (redis: Redis, key: Buffer) => asLines(hashItems(redis, key));
export const setLines = (redis: Redis, key: Buffer) => asLines(setItems(redis, key));
export const listLines = (redis: Redis, key: Buffer) => asLines(listItems(redis, key));
export const zsetLines = (redis: Redis, key: Buffer) => asLines(zsetItems(redis, key));
export const streamLines = (redis: Redis, key: Buffer) => asLines(streamItems(redis, key));
