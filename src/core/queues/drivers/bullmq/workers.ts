import type { Queue } from 'bullmq';
import type { AnyRedis } from '../../../connection/any-redis';
import type { ConnectedWorker, WorkerPresence } from '../../../../shared/contract/presence';
import type { WorkerSummary } from '../../../../shared/contract/queues';
import { readPresences } from '../../../worker/presence';
import { clientLists } from './clients';

/**
 * The worker's own name: BullMQ's getWorkers answers the queue's name as `name` and the connection's as
 * `rawname` (`<prefix>:<base64 queue>:w:<worker name>`; without a worker name, no `:w:` part).
 */
function workerName(client: Record<string, string>): string {
  const raw = client.rawname ?? '';
  return /:w:(.+)$/.exec(raw)?.[1] ?? '';
}

/** QueueDesk names its BullMQ workers `queuedesk-<id>` (worker/runtime.ts). */
const isQueueDesk = (name: string): boolean => name.startsWith('queuedesk-');

function presenceOf(presences: WorkerPresence[], name: string, queue: string): WorkerPresence | undefined {
  return presences.find((p) => p.workerName === name && p.queues.includes(queue));
}

/**
 * Workers connected to the queue (BullMQ's CLIENT LIST reading), QueueDesk's own with what they announce:
 * host, pid, concurrency, current jobs and last heartbeat, wherever they run.
 */
export async function listWorkers(redis: AnyRedis, queue: Queue): Promise<WorkerSummary[]> {
  const [clients, presences] = await Promise.all([queue.getWorkers(), readPresences(redis)]);
  return clients.map((c) => {
    const name = workerName(c);
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

/** One CLIENT LIST line's fields. */
function fields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of line.split(' ')) {
    const at = pair.indexOf('=');
    if (at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/**
 * Every queue's workers under the prefix from ONE CLIENT LIST (one per primary on a cluster) (BullMQ names a worker's connections
 * `<prefix>:<base64 queue>:w:<worker>`), and every QueueDesk worker's announcement, on every machine.
 */
export async function workersEverywhere(
  redis: AnyRedis,
  prefix: string,
): Promise<{ workers: ConnectedWorker[]; presences: WorkerPresence[] }> {
  const [lists, presences] = await Promise.all([clientLists(redis), readPresences(redis)]);
  const head = `${prefix}:`;
  const seen = new Set<string>();
  const workers: ConnectedWorker[] = [];
  // On a cluster a worker's connections may show on several primaries: `seen` keeps one row each.
  for (const line of lists.join('\n').split(/\r?\n/)) {
    const c = fields(line);
    const m = /^([^:]+):w:(.+)$/.exec((c.name ?? '').startsWith(head) ? c.name!.slice(head.length) : '');
    if (!m) continue;
    const queue = Buffer.from(m[1]!, 'base64').toString('utf8');
    if (Buffer.from(queue).toString('base64') !== m[1]) continue; // not a base64 queue name
    const name = m[2]!;
    // A worker holds several connections (blocking and not): one row per worker and queue.
    if (seen.has(`${queue}\u0000${name}`)) continue;
    seen.add(`${queue}\u0000${name}`);
    const presence = presenceOf(presences, name, queue);
    workers.push({
      queue,
      name,
      addr: c.addr ?? '',
      ageSec: Number(c.age ?? 0),
      idleSec: Number(c.idle ?? 0),
      queuedesk: isQueueDesk(name),
      ...(presence ? { presence } : {}),
    });
  }
  workers.sort((a, b) => a.queue.localeCompare(b.queue) || a.name.localeCompare(b.name));
  return { workers, presences };
}
