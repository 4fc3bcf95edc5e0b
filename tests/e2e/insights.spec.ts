import { Queue, Worker } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { uniqueQueue } from './queues-helpers';

test('search every queue from the Queues page, and per-task statistics of a queue', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const connection = { port: Number(redis.options.port), maxRetriesPerRequest: null };
  const names = [uniqueQueue('ins-a'), uniqueQueue('ins-b'), uniqueQueue('ins-c')];
  const queues = names.map((n) => new Queue(n, { connection }));
  const needle = `order-${Math.random().toString(36).slice(2, 8)}`;
  const worker = new Worker(
    names[2]!,
    async (job) => {
      if (job.name === 'charge' && (job.data as { n: number }).n % 4 === 0) throw new Error('declined');
    },
    { connection, concurrency: 5 },
  );
  try {
    await queues[0]!.addBulk(Array.from({ length: 10 }, (_, n) => ({ name: 'noise', data: { n } })));
    const hit = await queues[1]!.add('email.send', { ref: needle }, { delay: 600_000 });
    await queues[2]!.addBulk([
      ...Array.from({ length: 8 }, (_, n) => ({ name: 'charge', data: { n } })),
      ...Array.from({ length: 5 }, (_, n) => ({ name: 'receipt', data: { n } })),
    ]);
    await expect
      .poll(async () => (await queues[2]!.getCompletedCount()) + (await queues[2]!.getFailedCount()))
      .toBe(13);

    await app.getByTestId('nav-queues').click();
    await app.getByTestId('queues-rescan').click();
    await app.getByTestId('search-all-input').fill(needle);
    await app.getByTestId('search-all-go').click();
    await expect(app.getByTestId('search-all-summary')).toContainText('1 match among');
    await expect(app.getByTestId('search-hit')).toHaveCount(1);
    await expect(app.getByTestId('search-hit')).toContainText(`${names[1]} #${hit.id}`);
    // The every-queue panels read again once the rescan found the queues.
    await expect(app.getByTestId('task-stats-note')).toContainText('finished jobs read');
    await expect(app.getByTestId('task-stats-note')).not.toContainText(' in 0 queues');
    await screenshot(app, 'search-all');
    await app.getByTestId('search-hit').getByRole('link').click();
    await expect(app.getByTestId('job-detail')).toHaveAttribute('data-job-id', hit.id!);
    await expect(app.getByTestId('job-args')).toContainText(needle);

    await app.getByTestId('queue-item').filter({ hasText: names[2]! }).click();
    await app.getByTestId('view-stats').click();
    const table = app.getByTestId('task-stats-table');
    await expect(table.locator('tr', { hasText: 'charge' })).toContainText('25.0%');
    await expect(table.locator('tr', { hasText: 'receipt' })).toContainText('0.0%');
    await expect(app.getByTestId('task-stats-note')).toContainText('13 finished jobs read');
    await screenshot(app, 'task-stats');
    await screenshot(app, 'task-stats', 'dark');
  } finally {
    await worker.close();
    for (const q of queues) {
      await q.obliterate({ force: true });
      await q.close();
    }
    redis.disconnect();
    ws.ws.close();
  }
});
