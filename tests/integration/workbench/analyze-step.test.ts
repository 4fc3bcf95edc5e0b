import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeReport } from '../../../src/shared/contract';
import { keysStep, scanStep, type StepOptions } from '../../../src/core/workbench/analyze/page-script';
import { AnalyzeRunner } from '../../../src/core/workbench/analyze/runner';
import { parseStep, unmeasured } from '../../../src/core/workbench/analyze/step-reply';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

interface Figures {
  type: string;
  ttlMs: number;
  bytes: number;
  elements: number;
}

const HOUR = 3_600_000;
let server: TestRedis;
let redis: Redis;

/** Names that trip a comma-joined or text reply: commas, NUL, bytes that are not UTF-8, the empty name. */
const ODD_NAMES = [
  Buffer.from('a,b,c'),
  Buffer.from([0x00, 0x2c, 0xff]),
  Buffer.from(''),
  Buffer.from('ü:ö'),
];

beforeAll(async () => {
  server = await startTestRedis();
  redis = server.client();
  const p = redis.pipeline();
  for (let i = 0; i < 60; i++) p.set(`s:${i}`, 'x'.repeat(i * 7), 'PX', (i + 1) * HOUR);
  for (let i = 0; i < 20; i++)
    p.hset(`h:${i}`, Object.fromEntries(Array.from({ length: i + 1 }, (_, f) => [`f${f}`, 'v'])));
  for (let i = 0; i < 15; i++) p.rpush(`l:${i}`, ...Array.from({ length: i + 1 }, (_, e) => `e${e}`));
  for (let i = 0; i < 10; i++) p.sadd(`set:${i}`, ...Array.from({ length: i + 1 }, (_, e) => e));
  for (let i = 0; i < 10; i++)
    p.zadd(`z:${i}`, ...Array.from({ length: i + 1 }, (_, e) => [e, `m${e}`]).flat());
  for (let i = 0; i < 3; i++) for (let e = 0; e <= i; e++) p.xadd(`x:${i}`, '*', 'f', String(e));
  // Big enough to be stored as real hash tables and skip lists, where MEMORY USAGE samples.
  p.hset('big:h', Object.fromEntries(Array.from({ length: 3000 }, (_, f) => [`f${f}`, 'v'.repeat(f % 40)])));
  p.zadd('big:z', ...Array.from({ length: 2000 }, (_, e) => [e, `m${e}`]).flat());
  p.set('n:int', '12345');
  ODD_NAMES.forEach((name, i) => p.set(name, 'odd', 'PX', (100 + i) * HOUR));
  await p.exec();
});

afterAll(() => server.stop());

/** Every key's figures the plain way: one command at a time. */
async function perKeyCommands(): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  const lengths: Record<string, string> = {
    hash: 'HLEN',
    list: 'LLEN',
    set: 'SCARD',
    zset: 'ZCARD',
    stream: 'XLEN',
    string: 'STRLEN',
  };
  for (const key of await redis.keysBuffer('*')) {
    const type = await redis.type(key);
    out.set(key.toString('latin1'), {
      type,
      ttlMs: await redis.pttl(key),
      bytes: Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '5')),
      elements: Number(await redis.call(lengths[type]!, key)),
    });
  }
  return out;
}

/** Every key's figures through the step script: SCAN steps, and keys-mode calls for what a budget left. */
async function throughSteps(
  opts: StepOptions,
  count: number,
): Promise<{ figures: Map<string, Figures>; cut: number }> {
  const figures = new Map<string, Figures>();
  let cut = 0;
  const take = async (raw: Parameters<typeof parseStep>[0]): Promise<void> => {
    const step = parseStep(raw);
    for (let i = 0; i < step.measured; i++) {
      const name = step.names.slice(step.offsets[i], step.offsets[i + 1]);
      expect(figures.has(name)).toBe(false);
      figures.set(name, {
        type: step.typeNames[step.types[i]!]!,
        ttlMs: step.ttls[i]!,
        bytes: step.bytes[i]!,
        elements: step.elements[i]!,
      });
    }
    const rest = unmeasured(step);
    if (rest.length) {
      cut++;
      await take(await keysStep(redis, rest, opts));
    }
  };
  let cursor = '0';
  do {
    const raw = await scanStep(redis, cursor, '*', count, opts);
    cursor = raw[0].toString('latin1');
    await take(raw);
  } while (cursor !== '0');
  return { figures, cut };
}

function expectSameFigures(got: Map<string, Figures>, want: Map<string, Figures>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, w] of want) {
    const g = got.get(name)!;
    expect({ name, ...g, ttlMs: 0 }).toEqual({ name, ...w, ttlMs: 0 });
    // The TTL runs down between the two readings; "none" (−1) stays itself.
    if (w.ttlMs < 0) expect(g.ttlMs).toBe(w.ttlMs);
    else expect(Math.abs(g.ttlMs - w.ttlMs)).toBeLessThan(60_000);
  }
}

describe('the analysis step script', () => {
  it('gives every key the figures that TYPE, PTTL, MEMORY USAGE and the length command give one by one', async () => {
    const want = await perKeyCommands();
    const { figures, cut } = await throughSteps({ samples: 5, budgetUs: 1_000_000 }, 50);
    expect(cut).toBe(0);
    expectSameFigures(figures, want);
    expect(figures.get('big:h')).toMatchObject({ type: 'hash', elements: 3000 });
    expect(figures.get(Buffer.from([0x00, 0x2c, 0xff]).toString('latin1'))).toMatchObject({
      type: 'string',
      elements: 3,
    });
  });

  it('a call past its time budget leaves the rest of its keys unmeasured, and measuring those gives the same figures', async () => {
    const want = await perKeyCommands();
    // A budget of 0 µs: each call measures its first 16 keys, then stops at its first look at the clock.
    const { figures, cut } = await throughSteps({ samples: 5, budgetUs: 0 }, 200);
    expect(cut).toBeGreaterThan(0);
    expectSameFigures(figures, want);
  });

  it('a key gone before it is measured comes back as such, without figures', async () => {
    const step = parseStep(
      await keysStep(redis, [Buffer.from('s:1'), Buffer.from('no-such-key')], { samples: 5, budgetUs: 1000 }),
    );
    expect(step.measured).toBe(2);
    expect(step.typeNames[step.types[1]!]).toBe('none');
    expect(step.bytes[1]).toBe(-1);
    expect(step.typeNames[step.types[0]!]).toBe('string');
  });

  it('the whole analysis comes out the same when every step is cut short by its budget', async () => {
    const runner = new AnalyzeRunner(
      () => [{ redis }],
      () => {},
    );
    const opts = { delimiter: ':', top: 10, depth: 3, samples: 5 };
    // Everything but the run's id and timings. TTLs run down between the runs, so the soonest by name; keys
    // of equal size may enter the top lists in either order, so those by their figures.
    const strip = (report: AnalyzeReport): object => ({
      ...report,
      analysisId: null,
      durationMs: null,
      longestCallMs: null,
      longestServerMs: null,
      expiresSoonest: report.expiresSoonest.map((k) => k.key),
      topByBytes: report.topByBytes.map((k) => k.bytes),
      topByElements: report.topByElements.map((k) => k.elements),
      info: report.info.dbKeys,
    });
    const whole = await runner.run(opts);
    const cut = await runner.run({ ...opts, budgetUs: 0 });
    expect(cut.totals.keys).toBe(await redis.dbsize());
    expect(strip(cut)).toEqual(strip(whole));
    expect(whole.longestServerMs).toBeGreaterThan(0);
  });
});
