import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import { beatKeys } from '../../../src/core/beat/keys';
import type { Schedule } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data } from '../worker/helpers';

let server: TestRedis;
let host: CoreHost;
const lists: Schedule[][] = [];

beforeAll(async () => {
  server = await startTestRedis();
  host = await connectedHost(server);
  host.onEvent((event, payload) => event === 'beat.changed' && lists.push(payload as Schedule[]));
});
afterAll(async () => {
  await host?.close();
  await server?.stop();
});

/** Connections the server refused since it started (maxclients reached). */
async function rejected(admin: Redis): Promise<number> {
  return Number(/rejected_connections:(\d+)/.exec(await admin.info('stats'))?.[1]);
}

describe('schedules changing while the connection is away', () => {
  it('are read once it is back, and the host does not crash meanwhile', async () => {
    await data(host, 'beat.add', { id: 'away', task: 'demo.echo', queue: 'q', trigger: { every: 60_000 } });
    const admin = server.client();
    const clients = async (): Promise<string[]> => String(await admin.client('LIST')).split('\n');
    await waitUntil(async () => (await clients()).some((l) => / name=queuedesk:beat-notify /.test(l)));

    // The app's command connection drops and cannot come back (as in a failover); its beat channel still hears.
    await admin.config('SET', 'maxclients', '1');
    const main = (await clients()).find((l) => / name=queuedesk /.test(l))!;
    await admin.client('KILL', 'ID', /id=(\d+)/.exec(main)![1]!);
    await waitUntil(() => host.connection.status().state === 'connecting');
    const refusedBefore = await rejected(admin);
    const heard = lists.length;
    // A beat elsewhere says it fired, while this app cannot read the list.
    expect(await admin.publish(beatKeys.changed, 'fired')).toBe(1);
    // Three refused reconnects take at least 200 + 400 ms of back-off, well past the 200 ms debounce.
    await waitUntil(async () => (await rejected(admin)) >= refusedBefore + 3, 10_000, 50);
    expect(lists.length).toBe(heard);

    await admin.config('SET', 'maxclients', '10000');
    await waitUntil(() => host.connection.status().state === 'connected', 10_000);
    await waitUntil(() => lists.length > heard, 5000);
    expect(lists.at(-1)!.map((s) => s.id)).toEqual(['away']);
  });
});
