import type { Redis } from 'ioredis';
import type { TaskInfo, TaskList } from '../../../../shared/contract/processes';
import type { WorkerSummary } from '../../../../shared/contract/queues';
import { call } from './control';

/** What the event feed last heard from a worker. */
export interface Heartbeat {
  ts: number;
  processed: number | null;
  active: number | null;
  pid: number | null;
  /** Seconds between beats the worker announced (Celery's default 2). */
  freqSec: number;
  /** A worker-offline came after it. */
  offline: boolean;
}

interface Stats {
  pid?: number;
  uptime?: number;
  total?: Record<string, number>;
  pool?: { implementation?: string; 'max-concurrency'?: number; processes?: unknown };
}

/** Nodes whose active_queues include `queue` (all nodes without a queue). */
export async function nodesOf(redis: Redis, db: number, queue?: string): Promise<Set<string> | null> {
  if (!queue) return null;
  const queues = await call(redis, db, 'active_queues');
  const nodes = new Set<string>();
  for (const [node, list] of queues) {
    if (Array.isArray(list) && list.some((q: { name?: string }) => q.name === queue)) nodes.add(node);
  }
  return nodes;
}

/** Workers consuming a queue, from remote control (stats, active) and the latest heartbeats. */
export async function listCeleryWorkers(
  redis: Redis,
  db: number,
  queue: string,
  beats: Map<string, Heartbeat>,
): Promise<WorkerSummary[]> {
  const [nodes, stats, active] = await Promise.all([
    nodesOf(redis, db, queue),
    call(redis, db, 'stats'),
    call(redis, db, 'active'),
  ]);
  const rows: WorkerSummary[] = [];
  for (const [node, raw] of stats) {
    if (nodes && !nodes.has(node)) continue;
    const s = (raw ?? {}) as Stats;
    const beat = beats.get(node);
    const running = active.get(node);
    // 5.2's stats name no pool class; only prefork (billiard) lists child processes.
    const children = Array.isArray(s.pool?.processes) ? s.pool.processes.length : null;
    const pool = s.pool?.implementation ?? (children !== null ? 'prefork' : null);
    rows.push({
      name: node,
      addr: node.split('@')[1] ?? '',
      ageSec: Math.round(s.uptime ?? 0),
      idleSec: 0,
      hostname: node,
      pid: s.pid ?? beat?.pid ?? null,
      pool,
      // max-concurrency stays at the start value after pool_grow/shrink; the child list is the live size.
      concurrency: children ?? s.pool?.['max-concurrency'] ?? null,
      processed: s.total ? Object.values(s.total).reduce((a, b) => a + b, 0) : (beat?.processed ?? null),
      active: Array.isArray(running) ? running.length : (beat?.active ?? null),
      lastHeartbeat: beat?.ts ?? null,
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Task names the workers (of a queue) registered, with the nodes that have each. */
export async function listCeleryTasks(redis: Redis, db: number, queue?: string): Promise<TaskList> {
  const [nodes, registered] = await Promise.all([nodesOf(redis, db, queue), call(redis, db, 'registered')]);
  const byName = new Map<string, string[]>();
  for (const [node, names] of registered) {
    if (nodes && !nodes.has(node)) continue;
    for (const entry of Array.isArray(names) ? (names as string[]) : []) {
      const name = entry.split(' [')[0] as string; // "name [rate_limit=…]"
      byName.set(name, [...(byName.get(name) ?? []), node]);
    }
  }
  const tasks: TaskInfo[] = [...byName]
    .sort()
    .map(([name, workers]) => ({ name, source: 'worker', workers }));
  return { tasks, module: null };
}
