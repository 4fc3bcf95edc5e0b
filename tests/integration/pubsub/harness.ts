import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  MethodName,
  Params,
  PubSubMessage,
  PubSubMessagesEvent,
  PubSubStatus,
  Result,
} from '../../../src/shared/contract';
import { CoreHost } from '../../../src/core/host';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/process-alive';

/** A core host recording what it pushes, connected by `connect`. */
export interface RecordingHost {
  host: CoreHost;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Every message delivered in `pubsub.messages` events so far, in order. */
  messages(): PubSubMessage[];
  batches(): PubSubMessagesEvent[];
  statuses(): PubSubStatus[];
  waitForMessages(n: number, timeoutMs?: number): Promise<PubSubMessage[]>;
}

export interface Harness extends RecordingHost {
  redis: TestRedis;
  close(): Promise<void>;
}

/** A core host (in this process) connected to a fresh real redis-server, recording the events it pushes. */
export async function startHarness(redisArgs: string[] = []): Promise<Harness> {
  const redis = await startTestRedis(redisArgs);
  const recording = await recordingHost({ mode: 'url', url: redis.url });
  return {
    ...recording,
    redis,
    async close() {
      await recording.host.close();
      await redis.stop();
    },
  };
}

/** A core host (in this process) connected by `connect` (a cluster, say), recording the events it pushes. */
export async function recordingHost(connect: Params<'connection.connect'>): Promise<RecordingHost> {
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-pubsub-')) });
  const batches: PubSubMessagesEvent[] = [];
  const statuses: PubSubStatus[] = [];
  host.onEvent((event, data) => {
    if (event === 'pubsub.messages') batches.push(data as PubSubMessagesEvent);
    if (event === 'pubsub.changed') statuses.push(data as PubSubStatus);
  });
  const call = async <M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> => {
    const reply = await host.call(method, params);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.data as Result<M>;
  };
  await call('connection.connect', connect);
  const messages = (): PubSubMessage[] => batches.flatMap((b) => b.messages);
  return {
    host,
    call,
    messages,
    batches: () => batches,
    statuses: () => statuses,
    async waitForMessages(n, timeoutMs = 10_000) {
      await waitUntil(() => messages().length >= n, timeoutMs);
      return messages();
    },
  };
}

/**
 * The console's own subscriber connections on the server, as CLIENT LIST lines. The host keeps other pub/sub
 * connections (the beat's change notices), so tests pick the console's by its connection name.
 */
export async function consoleSubscribers(h: Harness): Promise<string[]> {
  const list = (await h.redis.client().call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
  return list.split('\n').filter((line) => / name=queuedesk:subscriber /.test(line));
}

/** Kills the console's subscriber connection(s) as a server or proxy would; returns how many. */
export async function killConsoleSubscriber(h: Harness): Promise<number> {
  let killed = 0;
  for (const line of await consoleSubscribers(h)) {
    const id = /id=(\d+)/.exec(line)?.[1];
    if (id) killed += (await h.redis.client().call('CLIENT', 'KILL', 'ID', id)) as number;
  }
  return killed;
}
