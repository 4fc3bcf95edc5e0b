import type { Redis } from 'ioredis';
import type { ScanAllEvent } from '../../src/shared/contract';
import type { WsApi } from '../helpers/ws-api';

export interface SoakLoad {
  added: number;
  published: number;
  scans: number;
  /** Scans that did not deliver exactly the expected keys, or ended with an error. */
  badScans: string[];
  stop(): Promise<void>;
}

const JOB_BATCH = 250;
const PUBLISH_BATCH = 200;

/** Runs steady jobs, pub/sub and scans against a serve until stopped; each loop paces itself by rate, not by waiting for the app. */
export function startSoakLoad(
  api: WsApi,
  direct: Redis,
  o: {
    queue: string;
    channel: string;
    keyMatch: string;
    keys: number;
    jobsPerSec: number;
    messagesPerSec: number;
  },
): SoakLoad {
  let running = true;
  const load: SoakLoad = { added: 0, published: 0, scans: 0, badScans: [], stop: async () => undefined };
  const paced = async (perSec: number, batch: number, step: () => Promise<void>): Promise<void> => {
    const everyMs = (batch / perSec) * 1000;
    for (let next = Date.now(); running; next += everyMs) {
      await step();
      const wait = next + everyMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  const jobs = paced(o.jobsPerSec, JOB_BATCH, async () => {
    // Finished jobs are removed so the keyspace the scans walk stays the same size: a steady state.
    const options = { removeOnComplete: true };
    await api.data('jobs.addCopies', {
      queue: o.queue,
      task: 'demo.echo',
      args: [1],
      options,
      count: JOB_BATCH,
    });
    load.added += JOB_BATCH;
  });
  const messages = paced(o.messagesPerSec, PUBLISH_BATCH, async () => {
    const pipe = direct.pipeline();
    for (let i = 0; i < PUBLISH_BATCH; i++) pipe.publish(o.channel, `m${load.published + i}`);
    await pipe.exec();
    load.published += PUBLISH_BATCH;
  });
  // Batches can arrive before the reply that names their scan (the renderer buffers them too): keep per id.
  const batches = new Map<string, ScanAllEvent[]>();
  const onMessage = (raw: Buffer): void => {
    const text = raw.toString();
    if (!text.includes('"keys.scanBatch"')) return;
    const e = (JSON.parse(text) as { data: ScanAllEvent }).data;
    batches.set(e.scanId, [...(batches.get(e.scanId) ?? []), e]);
  };
  api.ws.on('message', onMessage);
  const scans = (async () => {
    while (running) {
      const { scanId } = await api.data<{ scanId: string }>('keys.scanAll', {
        match: o.keyMatch,
        count: 500,
      });
      const mine = (): ScanAllEvent[] => batches.get(scanId) ?? [];
      while (!mine().some((e) => e.done)) await new Promise((r) => setTimeout(r, 20));
      const keys = new Set(mine().flatMap((e) => e.keys.map((k) => k.key)));
      const last = mine().at(-1) as ScanAllEvent;
      batches.delete(scanId);
      load.scans++;
      if (last.error || keys.size !== o.keys) load.badScans.push(`${keys.size} keys ${last.error ?? ''}`);
    }
  })();
  // The test client keeps no history: the soak measures the app, not this process.
  const trim = setInterval(() => api.events.splice(0), 1000);
  load.stop = async () => {
    running = false;
    clearInterval(trim);
    await Promise.all([jobs, messages, scans]);
    api.ws.off('message', onMessage);
  };
  return load;
}
