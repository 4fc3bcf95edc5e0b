import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeBytes } from '../bytes';
import type { CoreHost } from '../host';
import { describeExport, exportFileName, stringChunks, valueChunks } from '../keys/export/chunks';
import { toErrorBody } from '../../shared/result';
import { parseTarget } from './request-target';
import { plain } from './static-files';
import { hasToken } from './upgrade-check';
import { sendExport } from './export-download';

export const DOWNLOAD_PATH = '/api/download';

const STATUS: Record<string, number> = { NOT_FOUND: 404, NOT_CONNECTED: 503, INVALID_INPUT: 400 };

/**
 * `GET /api/download?token=T&key=K[&keyEncoding=base64]` streams a key's whole value from Redis (GETRANGE
 * chunks for strings, SCAN/RANGE pages as JSON lines for collections), so "Save to file" in serve mode never
 * loads the value into the page. Same token as the WebSocket. `?export=ID` serves a finished `keys.export` file.
 */
export function downloadHandler(host: CoreHost) {
  return async (req: IncomingMessage, res: ServerResponse, token: string): Promise<void> => {
    const target = parseTarget(req.url);
    if (!target || !hasToken(target, token)) return plain(res, 401, 'bad or missing token\n');
    if (req.method !== 'GET') return plain(res, 405, 'GET only\n');
    const query = target.searchParams;
    const exportId = query.get('export');
    if (exportId) return sendExport(host.options.dataDir, exportId, res);
    const keyText = query.get('key') ?? '';
    const encoding = query.get('keyEncoding');
    if (!keyText || (encoding !== null && encoding !== 'base64'))
      return plain(res, 400, 'needs key (and keyEncoding=base64 for binary keys)\n');
    const key = decodeBytes(keyText, encoding ?? undefined);
    let info;
    try {
      const redis = host.connection.client();
      info = await describeExport(redis, key);
      const range = info.type === 'string' ? byteRange(req.headers.range, info.length ?? 0) : null;
      if (range) {
        // A slice of a big string, for the page's worker: read in the same GETRANGE steps.
        res.writeHead(206, {
          'Content-Type': info.contentType,
          'Content-Length': range.to - range.from,
          'Content-Range': `bytes ${range.from}-${range.to - 1}/${info.length}`,
          'Cache-Control': 'no-store',
        });
        await pipeline(Readable.from(stringChunks(redis, key, range.from, range.to)), res);
        return;
      }
      res.writeHead(200, {
        'Content-Type': info.contentType,
        ...(info.length !== null ? { 'Content-Length': info.length } : {}),
        'Content-Disposition': `attachment; filename="${exportFileName(encoding ? 'value' : keyText, info)}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      await pipeline(Readable.from(valueChunks(redis, key, info)), res);
    } catch (err) {
      // Once the body has started, a failure can only cut the response short; the client sees it incomplete.
      if (!res.headersSent) {
        const body = toErrorBody(err);
        return plain(res, STATUS[body.code] ?? 500, `${body.message}\n`);
      }
      res.destroy();
    }
  };
}

/** One `bytes=a-b` (or `a-`) range inside the value; anything else is served whole. */
export function byteRange(header: string | undefined, length: number): { from: number; to: number } | null {
  const m = /^bytes=(\d+)-(\d*)$/.exec(header ?? '');
  if (!m) return null;
  const from = Number(m[1]);
  const to = Math.min(length, m[2] ? Number(m[2]) + 1 : length);
  return from < to ? { from, to } : null;
}
