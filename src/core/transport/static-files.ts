import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseTarget } from './request-target';
import { openUiFile, uiPath, type UiFile } from './ui-file';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The page may only talk to its own origin (HTTP and WebSocket), like the Electron window's CSP. */
export const SERVE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serves the built renderer and nothing else; unknown paths fall back to index.html (the app routes itself). */
export function staticHandler(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    const target = parseTarget(req.url);
    if (!target) return plain(res, 400, 'Bad request target\n');
    const path = uiPath(target.pathname);
    if ('refused' in path)
      return plain(res, path.refused, path.refused === 400 ? 'Bad path\n' : 'Not found\n');
    let file = await openUiFile(root, path.segments);
    if (file === 'outside') return plain(res, 404, 'Not found\n');
    if (file === 'missing') file = await openUiFile(root, ['index.html']);
    if (typeof file === 'string') {
      return plain(res, 503, 'The UI is not built: run `npm run build`.\n');
    }
    await send(req, res, file);
  };
}

async function send(req: IncomingMessage, res: ServerResponse, file: UiFile): Promise<void> {
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file.path)] ?? 'application/octet-stream',
    'Content-Length': file.size,
    'Content-Security-Policy': SERVE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.path.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    await file.handle.close();
    return;
  }
  // A client that goes away mid-file, or a read error, ends this response only.
  await pipeline(file.handle.createReadStream(), res).catch(() => res.destroy());
}

export function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
