import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyspace, sameKeyspace, seedEveryType } from '../keys/fixtures/keyspace';
import { startKeysHost, type KeysHost } from '../keys/keys-host';
import { useClusterHost } from './cluster-host';

const h = useClusterHost();
const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-fixtures-'));
let single: KeysHost;

beforeAll(async () => {
  single = await startKeysHost();
});
afterAll(async () => single?.stop());

/** Every key under `prefix`, read from the primary that holds it (so a key on the wrong node is not found). */
async function clusterKeyspace(prefix: string): Promise<Record<string, unknown>> {
  const parts = await Promise.all(h.primaries.map((n) => readKeyspace(h.node(n), prefix)));
  return Object.assign({}, ...parts) as Record<string, unknown>;
}

async function flushCluster(): Promise<void> {
  for (const n of h.primaries) await h.node(n).flushall();
}

describe.each(['jsonl', 'dump'] as const)('export of a cluster, import anywhere (%s form)', (format) => {
  it('round-trips every key type into a fresh single server and back into the cluster', async () => {
    const prefix = `fx:${format}:`;
    await seedEveryType(h.host.connection.client(), prefix);
    const before = await clusterKeyspace(prefix);
    expect(Object.keys(before).length).toBe(15);
    // The keys are spread over the primaries: the export has to walk them all.
    const holding = await Promise.all(
      h.primaries.map(async (n) => (await h.node(n).keys(`${prefix}*`)).length),
    );
    expect(holding.filter((n) => n > 0).length).toBeGreaterThan(1);

    const path = join(dir, `cluster.${format}.jsonl`);
    const t0 = Date.now();
    const exported = await h.call('keys.export', { match: `${prefix}*`, format, path });
    expect(exported).toMatchObject({ status: 'done', keys: 15, path });

    const intoSingle = await single.call('keys.import', { path, onExisting: 'skip' });
    expect(intoSingle).toMatchObject({ imported: 15, errorCount: 0 });
    sameKeyspace(await readKeyspace(single.client, prefix), before, expect, Date.now() - t0);

    await flushCluster();
    const t1 = Date.now();
    const intoCluster = await h.call('keys.import', { path, onExisting: 'skip' });
    expect(intoCluster).toMatchObject({ imported: 15, skipped: 0, errorCount: 0 });
    sameKeyspace(await clusterKeyspace(prefix), before, expect, Date.now() - t0);
    for (const n of h.primaries) expect(await h.node(n).keys('queuedesk:import:*')).toEqual([]);

    // Again with replace: every key exists now, so confirm must be 15.
    expect(await h.call('keys.importCheck', { path })).toEqual({ keys: 15, existing: 15, badLines: 0 });
    const replaced = await h.call('keys.import', { path, onExisting: 'replace', confirm: 15 });
    expect(replaced).toMatchObject({ imported: 15, replaced: 15, errorCount: 0 });
    sameKeyspace(await clusterKeyspace(prefix), before, expect, Date.now() - t1 + (t1 - t0));
    await flushCluster();
    await single.client.flushall();
  });
});
