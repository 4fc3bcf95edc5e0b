import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { BeatRunner } from '../../../src/core/beat/runner';
import { ScheduleStore } from '../../../src/core/beat/store';
import type { EngineName } from '../../../src/shared/contract/engines';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { ticks } from './helpers';

// A beat process SIGKILLed between the writes of a tick (after its claim, or after the send before its record),
// on one server: the beat that leads next sends the tick once — no tick lost, none twice.
const FIXTURE = resolve(import.meta.dirname, 'fixtures/beat-stops-at.ts');
let server: TestRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startTestRedis();
  redis = server.client({ maxRetriesPerRequest: null });
});
afterAll(() => server.stop());

/** Starts the fixture beat and resolves once it stopped at `stage` of a tick; then SIGKILLs it. */
async function killBeatAt(stage: string): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE, server.url, 'bull', stage], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise((r) => proc.once('exit', r));
  try {
    await waitUntil(
      () => out.includes(`at ${stage}`),
      20_000,
      25,
      () => out,
    );
  } finally {
    proc.kill('SIGKILL');
    await exited;
  }
}

/** The task ids of the Celery messages waiting in `queue`, one per message. */
async function celeryIds(queue: string): Promise<string[]> {
  const raw = await redis.lrange(queue, 0, -1);
  return raw.map((m) => (JSON.parse(m) as { headers: { id: string } }).headers.id);
}

async function jobIds(engine: EngineName, queue: string, id: string): Promise<string[]> {
  if (engine === 'celery') return (await celeryIds(queue)).filter((j) => j.startsWith(`beat-${id}-`));
  const q = new Queue(queue, { connection: redis });
  try {
    return (await ticks(q, id)).map((t) => t.job.id as string);
  } finally {
    await q.close();
  }
}

describe('a beat process killed mid-tick', () => {
  for (const engine of ['bullmq', 'celery'] as const)
    for (const stage of ['claimed', 'sent'] as const)
      it(`${engine}: killed ${stage === 'claimed' ? 'after the claim, before the send' : 'after the send, before the record'}: the next leader sends it once`, async () => {
        const store = new ScheduleStore(redis);
        const id = `${engine}-${stage}`;
        const queue = `q-${id}`;
        const added = await store.add(
          { id, engine, task: 'demo.echo', queue, args: [], trigger: { every: 1000 } },
          'api',
        );
        await killBeatAt(stage);
        const next = new BeatRunner({ redis, prefix: 'bull', lockTtlMs: 1000, log: () => undefined });
        next.start();
        try {
          await waitUntil(async () => (await store.get(id)).runCount >= 2, 20_000);
        } finally {
          await next.stop();
        }
        const { runCount } = await store.get(id);
        const ids = await jobIds(engine, queue, id);
        // The tick the killed beat was in the middle of went out exactly once, and so did every tick after it.
        expect(ids.filter((j) => j === `beat-${id}-${added.nextRunAt}`)).toHaveLength(1);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(runCount);
        await store.remove(id);
      }, 40_000);
});
