import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from './process-alive';
import { answersPing, freePort, startTestRedis, type TestRedis } from './redis-server';
import type { TestTls } from './test-tls';

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

export interface SentinelAuth {
  /** `requirepass` of the primary and replica (and `masterauth`, so the replica can sync). */
  password?: string;
  /** `requirepass` of the sentinels themselves. */
  sentinelPassword?: string;
}

/**
 * A primary, one replica and three sentinels (quorum 2) on free ports, with fast failure detection
 * (down after 1 s, failover timeout 3 s) so a test can kill the primary and watch the replica take over.
 * `auth` puts passwords on the data nodes and on the sentinels; `tls` makes all of them speak only TLS
 * (sentinels reach the data nodes and each other over TLS too).
 */
export async function startTestSentinels(
  name = 'mymaster',
  auth: SentinelAuth = {},
  tls?: TestTls,
): Promise<TestSentinels> {
  const dataAuth = auth.password ? ['--requirepass', auth.password, '--masterauth', auth.password] : [];
  const primary = await startTestRedis(dataAuth, tls);
  const replica = await startTestRedis(['--replicaof', '127.0.0.1', String(primary.port), ...dataAuth], tls);
  const dir = mkdtempSync(join(tmpdir(), 'qd-sentinel-'));
  const procs: ChildProcess[] = [];
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        ...(tls
          ? ['port 0', `tls-port ${port}`, 'tls-replication yes', ...confLines(tls.serverArgs)]
          : [`port ${port}`]),
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 3000`,
        `sentinel parallel-syncs ${name} 1`,
        ...(auth.password ? [`sentinel auth-pass ${name} ${auth.password}`] : []),
        // Sentinels with a password of their own use it to reach each other too.
        ...(auth.sentinelPassword
          ? [`requirepass ${auth.sentinelPassword}`, `sentinel sentinel-pass ${auth.sentinelPassword}`]
          : []),
        '',
      ].join('\n'),
    );
    procs.push(spawn('redis-sentinel', [conf], { stdio: 'ignore' }));
    ports.push(port);
  }
  const primaryPort = async (): Promise<number> => {
    for (const port of ports) {
      const s = sentinelClient(port, auth.sentinelPassword, tls);
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
    await waitUntil(
      async () => (await Promise.all(ports.map((p) => answersPing(p, tls)))).every(Boolean),
      5000,
    );
    // Ready when the replica is in sync and every sentinel has found the others (quorum can be reached).
    const admin = replica.client({ password: auth.password });
    await waitUntil(async () => /master_link_status:up/.test(await admin.info('replication')), 10_000);
    await waitUntil(
      async () =>
        (await Promise.all(ports.map((p) => sentinelsKnown(p, name, auth.sentinelPassword, tls)))).every(
          (n) => n >= 2,
        ),
      15_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, sentinels: ports.map((p) => `127.0.0.1:${p}`), primary, replica, primaryPort, stop };
}

/** How many other sentinels this one knows for the master (0 when it does not answer). */
async function sentinelsKnown(port: number, name: string, password?: string, tls?: TestTls): Promise<number> {
  const s = sentinelClient(port, password, tls);
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

function sentinelClient(port: number, password?: string, tls?: TestTls): Redis {
  const s = new Redis({
    port,
    password,
    ...(tls ? { tls: { ca: tls.ca } } : {}),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  s.on('error', () => undefined);
  return s;
}

/** `--name value` arguments as sentinel.conf lines ("name value"). */
function confLines(args: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < args.length; i += 2) lines.push(`${args[i]!.replace(/^--/, '')} ${args[i + 1]}`);
  return lines;
}
