import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { CoreContext } from '../../../src/core/context';
import { ConnectionManager } from '../../../src/core/connection/manager';
import { engineRegistry } from '../../../src/core/queues/engines';
import { QueueService, type EngineRegistry } from '../../../src/core/queues/service';
import type { JobEvent } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { freshQueue } from './conformance-target';

// After a switch the followed engines are listed again one after another. Celery's listing is held here (as a
// slow one would be on a loaded machine) while a job is added to a BullMQ queue: the BullMQ feed, listed after
// it, must still deliver that job's events.
let first: TestRedis;
let second: TestRedis;
let connection: ConnectionManager;
let service: QueueService;
const closers: Array<() => unknown> = [];
let held: Promise<void> | null = null;

const registry: EngineRegistry = {
  ...engineRegistry,
  celery: {
    ...engineRegistry.celery,
    make: (options, prefix) => {
      const driver = engineRegistry.celery.make(options, prefix);
      const list = driver.listQueues.bind(driver);
      driver.listQueues = async (o) => {
        await held;
        return list(o);
      };
      return driver;
    },
  },
};

beforeAll(async () => {
  [first, second] = await Promise.all([startTestRedis(), startTestRedis()]);
  connection = new ConnectionManager(mkdtempSync(join(tmpdir(), 'qd-switch-')));
  await connection.connect({ mode: 'url', url: first.url });
  const ctx = { connection, emit: () => undefined, onClose: (fn: () => unknown) => closers.push(fn) };
  service = new QueueService(ctx as unknown as CoreContext, registry);
});

afterAll(async () => {
  for (const close of closers) await close();
  await connection.close();
  await Promise.all([first.stop(), second.stop()]);
});

describe('the live feeds after a switch to another Redis', () => {
  it("deliver a job added while an engine listed before BullMQ's was still listing", async () => {
    const events: JobEvent[] = [];
    service.tap((_engine, e) => events.push(e));
    // Celery followed first, so it is listed first after the switch.
    await service.listAndWatch('celery', '');
    await service.listAndWatch('bullmq', 'bull');

    let release = (): void => undefined;
    held = new Promise((r) => (release = r));
    await connection.connect({ mode: 'url', url: second.url });
    const q = freshQueue();
    const queue = new Queue(q, { connection: { port: second.port } });
    const job = await queue.add('during-the-switch', {});
    release();
    await waitUntil(
      () => events.some((e) => e.queue === q && e.id === job.id && e.kind === 'waiting'),
      10_000,
    );
    await queue.close();
  });
});
