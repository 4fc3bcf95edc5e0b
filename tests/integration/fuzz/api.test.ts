import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { WsApi } from '../../helpers/ws-api';
import { SEED_KEYS, seedKeyspace } from './keyspace';
import { fuzzMethod, newStats, VALID_EXCLUDED, type Call, type FuzzStats } from './method-fuzz';

// Every API method, driven with inputs from its own schema: valid, near-valid and hostile. Each call must get an
// envelope that is not an internal error, and a rejected call must leave Redis exactly as it was.
// FUZZ_RUNS sets the cases per method (default keeps the file near a minute on this machine).
// FUZZ_METHODS=keys.,jobs.get narrows the run to methods starting with one of those.
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ONLY = process.env.FUZZ_METHODS?.split(',').filter(Boolean);
const FUZZED = ONLY ? METHOD_NAMES.filter((m) => ONLY.some((prefix) => m.startsWith(prefix))) : METHOD_NAMES;

let t: TestServer;
let redis: Redis;
let cases = 0;

const DICTIONARY = [
  ...SEED_KEYS,
  'fz:*',
  '*',
  'fzq',
  'bull',
  '1',
  '2',
  'fz-beat',
  'demo.echo',
  Buffer.from('fz:string').toString('base64'),
];

async function seed(): Promise<void> {
  await seedKeyspace(redis);
  const host = t.server.host;
  for (const n of [1, 2]) await host.call('jobs.add', { queue: 'fzq', task: 'demo.echo', args: { n } });
  await host.call('beat.add', {
    id: 'fz-beat',
    task: 'demo.echo',
    queue: 'fzq',
    args: [],
    trigger: { every: 60_000 },
  });
}

/** Back to the seed now and then, and when valid calls have grown the keyspace. */
async function beforeCase(): Promise<void> {
  if (++cases % 150 === 0 || (await redis.dbsize()) > 3000) await seed();
}

beforeAll(async () => {
  t = await startTestServer({}, ['--enable-debug-command', 'yes']);
  redis = t.redis.client();
  await seed();
});

afterAll(async () => {
  await t?.stop();
});

async function fuzzAll(
  call: Call,
  jsonOnly: boolean,
  numRuns: number,
): Promise<{ stats: FuzzStats; failures: string[] }> {
  const stats = newStats();
  const failures: string[] = [];
  for (const method of FUZZED) {
    try {
      await fuzzMethod(method, { call, redis, beforeCase, jsonOnly, numRuns, dictionary: DICTIONARY, stats });
    } catch (err) {
      // fuzzMethod names the method in a property's failure; an error while generating inputs does not.
      const message = err instanceof Error ? err.message : String(err);
      failures.push(message.startsWith(method) ? message : `${method}: ${message}`);
    }
  }
  return { stats, failures };
}

function report(via: string, stats: FuzzStats, ms: number): void {
  console.log(
    `fuzz via ${via}: ${stats.cases} cases over ${FUZZED.length} methods in ${(ms / 1000).toFixed(1)} s ` +
      `(${stats.accepted} accepted, ${stats.rejected} rejected ${JSON.stringify(stats.codes)}; ` +
      `${stats.skippedValid} valid inputs of excluded methods not sent; ` +
      `slowest ${stats.slowest.method} ${stats.slowest.ms.toFixed(0)} ms)`,
  );
  const top = Object.entries(stats.msByMethod)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  console.log(`most time in calls: ${top.map(([m, t]) => `${m} ${(t / 1000).toFixed(1)} s`).join(', ')}`);
}

describe('API fuzz', () => {
  it('host.call: every method answers every input with an envelope, and rejections change nothing', async () => {
    const t0 = performance.now();
    const { stats, failures } = await fuzzAll((m, p) => t.server.host.call(m, p), false, RUNS);
    report('host.call', stats, performance.now() - t0);
    console.log(
      `valid inputs not sent for: ${Object.entries(VALID_EXCLUDED)
        .map(([m, why]) => `${m} (${why})`)
        .join('; ')}`,
    );
    expect(failures).toEqual([]);
    expect(stats.cases).toBe(FUZZED.length * RUNS);
    // The generator reaches past validation: a good share of the cases ran for real.
    expect(stats.accepted).toBeGreaterThan(stats.cases / 10);
  }, 300_000);

  it('WebSocket: the same through the real socket, JSON inputs only', async () => {
    const api = await WsApi.open(t.server.apiUrl);
    const call: Call = async (m, p) => {
      api.events.length = 0; // keyspace notifications a case turned on would pile up here
      const { id: _id, ...envelope } = await api.call(m, p);
      return envelope;
    };
    const t0 = performance.now();
    const { stats, failures } = await fuzzAll(call, true, Math.ceil(RUNS / 3));
    report('WebSocket', stats, performance.now() - t0);
    api.close();
    expect(failures).toEqual([]);
    expect(stats.accepted).toBeGreaterThan(stats.cases / 10);
  }, 300_000);
});
