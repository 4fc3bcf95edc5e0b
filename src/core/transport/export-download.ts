import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { FixtureFiles } from '../keys/fixtures/fixture-files';
import { plain } from './static-files';

/**
 * `GET /api/download?token=T&export=ID`: the file a `keys.export` wrote for the browser, streamed from disk and
 * deleted once sent (one download per export).
 */
export async function sendExport(dataDir: string, id: string, res: ServerResponse): Promise<void> {
  const files = new FixtureFiles(dataDir);
  const found = await files.claimDownload(id);
  if (!found) return plain(res, 404, 'no such export (already downloaded?)\n');
  const { size } = await stat(found.path);
  res.writeHead(200, {
    'Content-Type': 'application/x-ndjson',
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${found.fileName}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  try {
    await pipeline(createReadStream(found.path), res);
  } catch {
    res.destroy();
  } finally {
    await found.done();
  }
}
