import type { Redis } from 'ioredis';
import { openEnvelope } from '../../../src/core/queues/drivers/celery/envelope';

/**
 * When each remote-control broadcast of `method` went out, read off the pidbox channel by a client of its own
 * (subscribed: use it for nothing else).
 */
export async function recordBroadcasts(probe: Redis, method: string): Promise<number[]> {
  const at: number[] = [];
  await probe.subscribe('/0.celery.pidbox');
  probe.on('message', (_c: string, text: string) => {
    const body = openEnvelope(text)?.body as { method?: string } | undefined;
    if (body?.method === method) at.push(Date.now());
  });
  return at;
}
