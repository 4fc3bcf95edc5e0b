import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ConnectedWorker, WorkerPresence } from '../../../../shared/contract/presence';
import type { WorkerSummary } from '../../../../shared/contract/queues';
import { readPresences } from '../../../worker/presence';

/** QueueDesk names its BullMQ workers `queuedesk-<id>` (worker/runtime.ts). */
const isQueueDesk = (name: string): boolean => name.startsWith('queuedesk-');

function presenceOf(presences: WorkerPresence[], name: string, queue: string): WorkerPresence | undefined {
  return presences.find((p) => p.workerName === name && p.queues.includes(queue));
}

/**
 * Workers connected to the queue (BullMQ's CLIENT LIST reading), QueueDesk's own with what they announce:
 * host, pid, concurrency, current jobs and last heartbeat, wherever they run.
 */
export async function listWorkers(redis: Redis, queue: Queue): Promise<WorkerSummary[]> {
  const [clients, presences] = await Promise.all([queue.getWorkers(), readPresences(redis)]);
  return clients.map((c) => {
    const name = c.name ?? '';
    const row: WorkerSummary = {
      name,
      addr: c.addr ?? '',
      ageSec: Number(c.age ?? 0),
      idleSec: Number(c.idle ?? 0),
      queuedesk: isQueueDesk(name),
    };
    const p = presenceOf(presences, name, queue.name);
    if (p) {
      row.hostname = p.host;
      row.pid = p.pid;
      row.concurrency = p.concurrency;
      row.active = p.currentJobs.filter((j) => j.queue === queue.name).length;
      row.processed = p.completed + p.failed;
      row.lastHeartbeat = p.heartbeatAt;
    }
    return row;
  });
}

/** Every queue's workers under the prefix, and every QueueDesk worker's announcement, on every machine. */
export async function workersEverywhere(
  redis: Redis,
  queues: Queue[],
): Promise<{ workers: ConnectedWorker[]; presences: WorkerPresence[] }> {
  const presences = await readPresences(redis);
  const perQueue = await Promise.all(
    queues.map(async (q) => ({ q, clients: await q.getWorkers().catch(() => []) })),
  );
  const workers = perQueue.flatMap(({ q, clients }) =>
    clients.map((c): ConnectedWorker => {
      const name = c.name ?? '';
      const presence = presenceOf(presences, name, q.name);
      return {
        queue: q.name,
        name,
        addr: c.addr ?? '',
        ageSec: Number(c.age ?? 0),
        idleSec: Number(c.idle ?? 0),
        queuedesk: isQueueDesk(name),
        ...(presence ? { presence } : {}),
      };
    }),
  );
  return { workers, presences };
}
