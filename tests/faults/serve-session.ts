import { Redis } from 'ioredis';
import type { ConnectionStatus, ServerInfo } from '../../src/shared/contract';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { WsApi } from '../helpers/ws-api';

/** A real `queuedesk serve` process plus an API client of it and a direct Redis client of its Redis. */
export interface ServeSession {
  serve: ServeProcess;
  api: WsApi;
  /** The pid of the Redis the app is connected to (its embedded one, or the test's). */
  redisPid: number;
  /** A direct client of the same Redis, for checking what really is stored. */
  redis: Redis;
  close(): Promise<void>;
}

export async function openServeSession(
  args: string[],
  opts: { dataDir?: string } = {},
): Promise<ServeSession> {
  const serve = await startServeProcess(args, opts);
  const api = await WsApi.open(serve.apiUrl);
  const status = await api.data<ConnectionStatus>('connection.status');
  if (status.state !== 'connected') throw new Error(`serve is not connected: ${JSON.stringify(status)}`);
  const info = await api.data<ServerInfo>('server.info');
  const redis = new Redis(status.url as string, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  await redis.connect();
  return {
    serve,
    api,
    redisPid: info.pid,
    redis,
    async close() {
      api.close();
      redis.disconnect();
      if (serve.proc.exitCode === null && serve.proc.signalCode === null) await serve.stop();
    },
  };
}

export const connectionStates = (api: WsApi): ConnectionStatus[] =>
  api.events.filter((e) => e.event === 'connection.changed').map((e) => e.data as ConnectionStatus);
