import type { ServerInfo } from '../../src/shared/contract';
import { startTestRedis } from '../helpers/redis-server';
import { startTcpProxy } from '../helpers/tcp-proxy';
import type { WsApi } from '../helpers/ws-api';

/** A Redis the app reaches through a fault that can be made and healed. */
export interface FaultRig {
  /** How `serve` is started against it. */
  serveArgs: string[];
  /** For the test's own client; by default the URL the app says it uses. */
  directUrl?: string;
  /** Whether healing starts a new Redis process (a new run id, data from its AOF). */
  restartsRedis: boolean;
  /** Whether the app brings Redis back by itself, with nothing for the test to heal. */
  selfHealing: boolean;
  /** Takes Redis away from the app. */
  fault(api: WsApi): Promise<void>;
  /** Brings it back; resolves once it accepts connections again. */
  heal(): Promise<void>;
  close(): Promise<void>;
}

/** kill -9 of a redis-server of the test's, then a restart on the same port and files (AOF fsync always). */
export async function killRig(): Promise<FaultRig> {
  const redis = await startTestRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
  return {
    serveArgs: ['--redis', redis.url],
    restartsRedis: true,
    selfHealing: false,
    fault: () => redis.kill(),
    heal: () => redis.restart(),
    close: () => redis.stop(),
  };
}

/** kill -9 of the app's own embedded Redis (persisted): the app has to start it again by itself. */
export async function embeddedKillRig(): Promise<FaultRig> {
  return {
    serveArgs: ['--persist'],
    restartsRedis: true,
    selfHealing: true,
    async fault(api) {
      process.kill((await api.data<ServerInfo>('server.info')).pid, 'SIGKILL');
    },
    heal: async () => undefined,
    close: async () => undefined,
  };
}

/** A network cut between the app and a Redis that keeps running, through a loopback proxy. */
export async function cutRig(): Promise<FaultRig> {
  const redis = await startTestRedis();
  const proxy = await startTcpProxy(redis.port);
  return {
    serveArgs: ['--redis', proxy.url],
    directUrl: redis.url,
    restartsRedis: false,
    selfHealing: false,
    fault: () => proxy.cut(),
    heal: () => proxy.heal(),
    async close() {
      await proxy.close();
      await redis.stop();
    },
  };
}
