import type { WebSocket } from 'ws';
import type { CoreHost } from '../host';
import type { TransportLimits } from './limits';

type ReplyBody = { id: number | string | null; ok: boolean; [k: string]: unknown };

/**
 * One client's calls: request `{id, method, params}` → reply `{id, ok, data|error}`. Every frame gets exactly one
 * reply (a bad frame an error reply; the socket stays open). Reading pauses while the client has too many calls
 * running or too many reply bytes unsent, so a client that floods or stops reading cannot grow serve's memory.
 */
export function serveApiSocket(ws: WebSocket, host: CoreHost, limits: TransportLimits): void {
  let inFlight = 0;
  let unsent = 0;
  let paused = false;
  // Frames that arrived in the same read as the one that filled the limit: at most one socket chunk's worth.
  const waiting: Array<string | null> = [];
  const flow = (): void => {
    const over = inFlight >= limits.maxInFlight || unsent > limits.maxUnsentBytes || waiting.length > 0;
    if (over !== paused) {
      paused = over;
      if (over) ws.pause();
      else ws.resume();
    }
  };
  const send = (body: ReplyBody): void => {
    if (ws.readyState !== ws.OPEN) return;
    const bytes = encodeReply(body, limits.maxReplyBytes);
    unsent += bytes.length;
    ws.send(bytes, { binary: false }, () => {
      unsent -= bytes.length;
      flow();
    });
  };
  const start = (text: string | null): void => {
    inFlight++;
    void answerFrame(host, text).then((body) => {
      inFlight--;
      send(body);
      if (waiting.length > 0 && inFlight < limits.maxInFlight) start(waiting.shift() as string | null);
      flow();
    });
  };
  // A client that left has no use for the calls it queued.
  ws.on('close', () => waiting.splice(0));
  ws.on('message', (raw, isBinary) => {
    const text = isBinary ? null : raw.toString();
    if (inFlight >= limits.maxInFlight) waiting.push(text);
    else start(text);
    flow();
  });
}

function badRequest(message: string): ReplyBody {
  return { id: null, ok: false, error: { code: 'BAD_REQUEST', message } };
}

/** Never rejects: host.call does not throw, and this checks the frame before it. */
async function answerFrame(host: CoreHost, text: string | null): Promise<ReplyBody> {
  if (text === null) return badRequest('binary frames are not accepted; send JSON text');
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return badRequest('frame is not valid JSON');
  }
  if (!request || typeof request !== 'object' || Array.isArray(request)) {
    return badRequest('frame must be a JSON object');
  }
  const { id, method, params } = request as { id?: unknown; method?: unknown; params?: unknown };
  if (typeof id !== 'number' && typeof id !== 'string') {
    return badRequest('frame needs an "id" (number or string)');
  }
  return { id, ...(await host.call(method, params)) };
}

/** The reply as UTF-8, or an error reply with the same id when it cannot be sent as it is. */
export function encodeReply(body: ReplyBody, maxBytes: number): Buffer {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(JSON.stringify(body));
  } catch (err) {
    // A result JSON cannot carry (a BigInt, a cycle) is a bug in a handler: say so rather than drop the call.
    const message = `reply could not be encoded: ${err instanceof Error ? err.message : String(err)}`;
    return Buffer.from(JSON.stringify({ id: body.id, ok: false, error: { code: 'INTERNAL', message } }));
  }
  if (bytes.length <= maxBytes) return bytes;
  const message = `the reply is ${bytes.length} bytes, over the ${maxBytes}-byte cap: ask for a smaller page`;
  return Buffer.from(JSON.stringify({ id: body.id, ok: false, error: { code: 'TOO_LARGE', message } }));
}
