import { z } from 'zod';
import { builtin } from './define';

const MAX_BODY_CHARS = 64 * 1024;

export const httpRequest = builtin({
  name: 'http.request',
  description: 'Makes an HTTP request; returns the status and the body (text, capped at 64 KiB).',
  args: z.object({
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
    headers: z.record(z.string(), z.string()).optional(),
    /** A string is sent as is; anything else as JSON. */
    body: z.unknown().optional(),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  }),
  example: { url: 'https://example.com', method: 'GET' },
  run: async ({ args, signal }) => {
    const headers: Record<string, string> = { ...args.headers };
    let body: string | undefined;
    if (args.body !== undefined) {
      body = typeof args.body === 'string' ? args.body : JSON.stringify(args.body);
      if (typeof args.body !== 'string') headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(args.url, {
      method: args.method,
      headers,
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(args.timeoutMs)]),
    });
    const text = await res.text();
    return {
      status: res.status,
      ok: res.ok,
      contentType: res.headers.get('content-type'),
      body: text.length > MAX_BODY_CHARS ? text.slice(0, MAX_BODY_CHARS) : text,
      truncated: text.length > MAX_BODY_CHARS,
    };
  },
});
