import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from './process-alive';
import { answersPing, freePort, startTestRedis, type TestRedis } from './redis-server';

export interface TestSentinels {
  /** The master name the sentinels monitor. */
  name: string;
  /** "127.0.0.1:port" of each sentinel. */
  sentinels: string[];
  primary: TestRedis;
  replica: TestRedis;
  /** The port the sentinels name as primary now (asks the first live sentinel). */
  primaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A primary, one replica and three sentinels (quorum 2) on free ports, with fast failure detection
 * (down after 1 s, failover timeout 3 s) so a test can kill the primary and watch the replica take over.
 */
export async function startTestSentinels(name = 'mymaster'): Promise<TestSentinels> {
  const primary = await startTestRedis();
  const replica = await startTestRedis(['--replicaof', '127.0.0.1', String(primary.port)]);
  const dir = mkdtempSync(join(tmpdir(), 'qd-sentinel-'));
  const procs: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 3000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    procs.push(spawn('redis-sentinel', [conf], { stdio: 'ignore' }));
    ports.push(port);
  }
  const primaryPort = async (): Promise<number> => {
    for (const port of ports) {
      const s = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      s.on('error', () => undefined);
      try {
        await s.connect();
        const addr = (await s.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as string[] | null;
        if (addr) return Number(addr[1]);
      } catch {
        // this sentinel is not up: ask the next
      } finally {
        s.disconnect();
      }
    }
    throw new Error('no sentinel answered');
  };
  const stop = async (): Promise<void> => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGTERM');
          }),
      ),
    );
    await replica.stop();
    await primary.stop();
  };
  try {
    await waitUntil(async () => (await Promise.all(ports.map(answersPing))).every(Boolean), 5000);
    // Ready when the replica is in sync and every sentinel has found the others (quorum can be reached).
    const admin = replica.client();
    await waitUntil(async () => /master_link_status:up/.test(await admin.info('replication')), 10_000);
    await waitUntil(
      async () => (await Promise.all(ports.map((p) => sentinelsKnown(p, name)))).every((n) => n >= 2),
      15_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, sentinels: ports.map((p) => `127.0.0.1:${p}`), primary, replica, primaryPort, stop };
}

/** How many other sentinels this one knows for the master (0 when it does not answer). */
async function sentinelsKnown(port: number, name: string): Promise<number> {
  const s = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  s.on('error', () => undefined);
  try {
    await s.connect();
    const master = (await s.call('SENTINEL', 'MASTER', name)) as string[];
    const i = master.indexOf('num-other-sentinels');
    return i >= 0 ? Number(master[i + 1]) : 0;
  } catch {
    return 0;
  } finally {
    s.disconnect();
  }
}
