import type { Queue } from 'bullmq';
import type { WorkerSummary } from '../../../../shared/contract/queues';

/** Workers connected to the queue, from BullMQ's CLIENT LIST reading. */
export async function listWorkers(queue: Queue): Promise<WorkerSummary[]> {
  const clients = await queue.getWorkers();
  return clients.map((c) => ({
    name: c.name ?? '',
    addr: c.addr ?? '',
    ageSec: Number(c.age ?? 0),
    idleSec: Number(c.idle ?? 0),
  }));
}
