import type { CoreHost } from '../../src/core/host';
import type { KeyRow, ScanPage } from '../../src/shared/contract';

/** Every key matching `match`, through keys.scan page by page until its cursor comes back to "0". */
export async function scanAllKeys(host: CoreHost, match: string): Promise<KeyRow[]> {
  const rows: KeyRow[] = [];
  let cursor = '0';
  do {
    const r = await host.call('keys.scan', { match, cursor, count: 100 });
    if (!r.ok) throw new Error(`keys.scan: ${r.error.message}`);
    const page = r.data as ScanPage;
    rows.push(...page.keys);
    cursor = page.cursor;
  } while (cursor !== '0');
  return rows;
}
