import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, PubSubStatus, ScanAllEvent } from '../../src/shared/contract';
import { waitUntil } from '../helpers/process-alive';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { WsApi } from '../helpers/ws-api';
import type { FaultRig } from './fault-rig';

const SCAN_KEYS = 100_000;
const JOBS = 2000;

/**
 * The same three activities (a key scan, a subscription, a worker) through one kind of fault: the app says
 * Redis is away, recovers by itself once it is back, and each activity goes on where it was.
 */
export function describeRedisFault(name: string, makeRig: () => Promise<FaultRig>): void {
  describe(name, () => {
    let rig: FaultRig;
    let serve: ServeProcess;
    let api: WsApi;
    let direct: Redis;

    beforeAll(async () => {
      rig = await makeRig();
      serve = await startServeProcess(rig.serveArgs);
      api = await WsApi.open(serve.apiUrl);
      const url = rig.directUrl ?? (await api.data<ConnectionStatus>('connection.status')).url;
      direct = new Redis(url as string, { maxRetriesPerRequest: 20 });
      direct.on('error', () => undefined);
    });
    afterAll(async () => {
      direct?.disconnect();
      api?.close();
      await serve?.stop();
      await rig?.close();
    });

    /**
     * Makes the fault and checks the API says so. Unless the app heals it itself, holds it until the app's first
     * reconnect attempt has failed (so commands in flight are failed, not just resent), then heals it. Returns ms
     * from the heal (or, self-healing, from the fault) to connected again.
     */
    async function outage(duringOutage: () => Promise<void> = async () => undefined): Promise<number> {
      const from = api.events.length;
      const since = (match: (s: ConnectionStatus) => boolean) => (d: unknown) =>
        api.events.findIndex((e) => e.data === d) >= from && match(d as ConnectionStatus);
      const faultAt = Date.now();
      await rig.fault(api);
      await api.waitForEvent(
        'connection.changed',
        since((s) => s.state === 'connecting'),
        10_000,
      );
      if (!rig.selfHealing) {
        expect(await api.data<ConnectionStatus>('connection.status')).toMatchObject({ state: 'connecting' });
        const refused = since((s) => s.state === 'connecting' && /ECONNREFUSED/.test(s.error ?? ''));
        await api.waitForEvent('connection.changed', refused, 10_000);
      }
      await duringOutage();
      const healedAt = rig.selfHealing ? faultAt : Date.now();
      await rig.heal();
      await api.waitForEvent(
        'connection.changed',
        since((s) => s.state === 'connected'),
        15_000,
      );
      return Date.now() - healedAt;
    }

    it('a key scan cut mid-way resumes (or, when Redis restarted, says it began again) and delivers every key', async () => {
      const prefix = `scan-${randomUUID().slice(0, 6)}:`;
      for (let i = 0; i < SCAN_KEYS; i += 1000) {
        const pairs = Array.from({ length: 1000 }, (_, j) => [`${prefix}${i + j}`, '1']).flat();
        await direct.mset(...pairs);
      }
      const { scanId } = await api.data<{ scanId: string }>('keys.scanAll', {
        match: `${prefix}*`,
        count: 50,
      });
      const batches = (): ScanAllEvent[] =>
        api.events
          .filter((e) => e.event === 'keys.scanBatch' && (e.data as ScanAllEvent).scanId === scanId)
          .map((e) => e.data as ScanAllEvent);
      await waitUntil(() => (batches().at(-1)?.seen ?? 0) >= SCAN_KEYS / 5, 30_000, 5);
      const recoveryMs = await outage(async () => {
        expect(batches().some((b) => b.done)).toBe(false); // the fault landed mid-scan
      });
      const last = (await api.waitForEvent(
        'keys.scanBatch',
        (d) => (d as ScanAllEvent).scanId === scanId && (d as ScanAllEvent).done,
        60_000,
      )) as ScanAllEvent;
      const unique = new Set(batches().flatMap((b) => b.keys.map((k) => k.key)));
      console.log(
        `[faults] ${name}, scan: reconnected ${recoveryMs} ms after heal; ${unique.size}/${SCAN_KEYS} keys, resumes ${last.resumes}, restarts ${last.restarts}`,
      );
      expect(last.error).toBeUndefined();
      expect(last.stopped).toBeUndefined();
      // The same server keeps its cursor valid; a restarted one has a new hash seed, so the walk starts over.
      expect([last.resumes, last.restarts]).toEqual(rig.restartsRedis ? [undefined, 1] : [1, undefined]);
      expect(unique.size).toBe(SCAN_KEYS);
      for (let i = 0; i < SCAN_KEYS; i += 5000)
        await direct.unlink(...Array.from({ length: 5000 }, (_, j) => `${prefix}${i + j}`));
    });

    it('a subscription is made again after the fault and gets every message published after', async () => {
      const channel = `faults-${randomUUID().slice(0, 6)}`;
      await api.data('pubsub.subscribe', { channels: [channel] });
      const status = () => api.data<PubSubStatus>('pubsub.status');
      const got = (tag: string): number =>
        api.events
          .filter((e) => e.event === 'pubsub.messages')
          .flatMap((e) => (e.data as { messages: Array<{ channel: string; payload: string }> }).messages)
          .filter((m) => m.channel === channel && m.payload.startsWith(tag)).length;
      const publishAll = async (tag: string): Promise<void> => {
        for (let i = 0; i < 100; i++) expect(await direct.publish(channel, `${tag}${i}`)).toBe(1);
      };
      await publishAll('before-');
      await waitUntil(() => got('before-') === 100);
      const { resubscribes } = await status();
      let healedAt = 0;
      const recoveryMs = await outage(async () => {
        healedAt = Date.now();
      });
      await waitUntil(async () => {
        const s = await status();
        return s.state === 'ready' && s.resubscribes === resubscribes + 1;
      }, 15_000);
      const resubscribedMs = Date.now() - healedAt;
      await publishAll('after-');
      await waitUntil(() => got('after-') === 100);
      expect(got('before-')).toBe(100);
      expect((await status()).channels).toEqual([channel]);
      console.log(
        `[faults] ${name}, pub/sub: reconnected ${recoveryMs} ms after heal, resubscribed within ${resubscribedMs} ms; 100/100 messages after`,
      );
    });

    it('a worker mid-queue goes on processing: every job completes, none fails', async () => {
      const queue = `faults-${randomUUID().slice(0, 6)}`;
      const worker = await api.data<{ id: string }>('workers.start', { queues: [queue], concurrency: 8 });
      await api.data('jobs.addCopies', { queue, task: 'demo.sleep', args: { ms: 10 }, count: JOBS });
      const completed = () => direct.zcard(`bull:${queue}:completed`);
      await waitUntil(async () => (await completed()) >= JOBS / 5, 60_000);
      let healedAt = 0;
      const recoveryMs = await outage(async () => {
        healedAt = Date.now();
      });
      const atHeal = await completed();
      await waitUntil(async () => (await completed()) > atHeal || atHeal === JOBS, 30_000);
      const firstAfterMs = Date.now() - healedAt;
      await waitUntil(async () => (await completed()) === JOBS, 120_000, 100);
      const allDoneMs = Date.now() - healedAt;
      const failed = await direct.zcard(`bull:${queue}:failed`);
      // At-least-once: a job whose start reply was lost is run again after its lock expires (BullMQ's stall check).
      const pipe = direct.pipeline();
      for (let id = 1; id <= JOBS; id++) pipe.hget(`bull:${queue}:${id}`, 'ats');
      const startedTwice = ((await pipe.exec()) ?? []).filter(([, ats]) => Number(ats) > 1).length;
      const left = await direct.llen(`bull:${queue}:wait`);
      console.log(
        `[faults] ${name}, worker: reconnected ${recoveryMs} ms after heal, first job done ${firstAfterMs} ms, all ${JOBS} done ${allDoneMs} ms after heal, ${startedTwice} started twice`,
      );
      expect(failed).toBe(0);
      expect(left).toBe(0);
      expect(atHeal).toBeLessThan(JOBS); // the fault landed mid-queue
      await api.data('workers.stop', { id: worker.id });
    }, 180_000); // a job whose start reply was lost waits out BullMQ's 30 s lock and 30 s stall check
  });
}
