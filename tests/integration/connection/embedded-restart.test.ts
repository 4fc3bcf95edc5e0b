import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, ServerInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { answersPing } from '../../helpers/redis-server';

const dataDir = mkdtempSync(join(tmpdir(), 'qd-embedded-restart-'));
const host = new CoreHost({ dataDir });
afterAll(() => host.close());

async function data<T>(method: string, params: unknown = {}): Promise<T> {
  const r = await host.call(method as never, params as never);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as T;
}

describe('the embedded Redis dying on its own (kill -9, OOM)', () => {
  it('is started again on the same port with its data, and the app reconnects by itself', async () => {
    const states: ConnectionStatus[] = [];
    host.onEvent((event, d) => event === 'connection.changed' && states.push(d as ConnectionStatus));
    const before = await data<ConnectionStatus>('connection.connect', { mode: 'embedded', persist: true });
    await host.connection.client().set('survives', 'yes');
    const { pid } = await data<ServerInfo>('server.info');
    const seen = states.length;
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => states.slice(seen).some((s) => s.state === 'connecting'), 5000);
    await waitUntil(() => states.slice(seen).some((s) => s.state === 'connected'), 10_000);
    const after = await data<ServerInfo>('server.info');
    expect(after.pid).not.toBe(pid);
    expect(isAlive(after.pid)).toBe(true);
    expect((await data<ConnectionStatus>('connection.status')).url).toBe(before.url);
    expect(await host.connection.client().get('survives')).toBe('yes');
  });

  it('a stop is a stop: closing the app ends it and its record, with no restart', async () => {
    const { pid } = await data<ServerInfo>('server.info');
    const { url } = await data<ConnectionStatus>('connection.status');
    await host.close();
    await waitUntil(() => !isAlive(pid), 5000);
    expect(await answersPing(Number(new URL(url as string).port))).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'embedded.json'))).toBe(false);
  });
});
