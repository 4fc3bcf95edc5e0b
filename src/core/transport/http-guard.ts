import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostAllowed, type HostPolicy } from './host-policy';
import { plain } from './static-files';
import { hostReason } from './upgrade-check';

type AsyncHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Every HTTP request gets an answer: a Host that is not ours is a 421 (DNS rebinding), and an error thrown by
 * the handler is logged and answered 500 (or the connection closed if the reply had begun) instead of
 * escaping as an uncaught exception that would end serve.
 */
export function guardRequests(policy: HostPolicy, handler: AsyncHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!hostAllowed(req.headers.host, policy)) return plain(res, 421, `${hostReason(req)}\n`);
    handler(req, res).catch((err: unknown) => {
      console.error(`queuedesk: HTTP ${req.method} request failed:`, err);
      if (res.headersSent) res.destroy();
      else plain(res, 500, 'Internal error\n');
    });
  };
}
