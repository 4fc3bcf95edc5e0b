import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeProgressEvent } from '../../../src/shared/contract';
import { useKeysHost } from '../keys/keys-host';

const h = useKeysHost();
const KEYS = 40_000;

beforeAll(async () => {
  const p = h.client.pipeline();
  for (let i = 0; i < KEYS; i++) {
    const k = `ns${i % 7}:item:${i}`;
    if (i % 4 === 0) p.hset(k, 'a', String(i), 'b', 'x'.repeat(i % 50));
    else if (i % 4 === 1) p.rpush(k, 'a', 'b', String(i));
    else p.set(k, 'v'.repeat(i % 100));
  }
  await p.exec();
});

describe('keys.analyze on a larger keyspace', () => {
  it('totals agree with INFO memory: the dataset part of used memory', async () => {
    const report = await h.call('keys.analyze', {});
    expect(report.totals.keys).toBe(KEYS);
    const dataset = report.info.usedMemoryDataset!;
    // MEMORY USAGE counts each key's dict entry, name and value; INFO's dataset is used memory less overhead.
    expect(report.totals.bytes / dataset).toBeGreaterThan(0.8);
    expect(report.totals.bytes / dataset).toBeLessThan(1.25);
    expect(report.namespaces.filter((n) => n.depth === 1)).toHaveLength(7);
    expect(report.longestCallMs).toBeGreaterThan(0);
  });

  it('stops when asked and returns what it had', async () => {
    let stopAsked = false;
    const off = h.host.onEvent((e, d) => {
      if (e !== 'keys.analyzeProgress' || stopAsked) return;
      const p = d as AnalyzeProgressEvent;
      if (p.analysisId === 'big' && !p.done) {
        stopAsked = true;
        void h.call('keys.analyzeStop', { analysisId: 'big' });
      }
    });
    const report = await h.call('keys.analyze', { analysisId: 'big' });
    off();
    expect(stopAsked).toBe(true);
    expect(report.stopped).toBe(true);
    expect(report.totals.keys).toBeGreaterThan(0);
    expect(report.totals.keys).toBeLessThan(KEYS);
    expect(await h.call('keys.analyzeStop', { analysisId: 'big' })).toEqual({ stopped: 0 });
  });
});
