/** A Celery protocol-v2 message as kombu puts it in Redis: a JSON envelope whose `body` is base64 JSON. */
export interface CeleryMessage {
  task: string;
  id: string;
  args: unknown;
  kwargs: unknown;
  embed: unknown;
  headers: Record<string, unknown>;
  /** The queue it was sent to (`delivery_info.routing_key`), to open the task in the Queues panel. */
  queue: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function base64Text(b64: string): string | null {
  try {
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes the body (base64 unless `body_encoding` says otherwise) into args, kwargs and embed. Also takes the
 * worker's `unacked` entries, `[envelope, exchange, routing_key]`.
 */
export function decodeCelery(value: unknown): CeleryMessage | undefined {
  const unacked = Array.isArray(value) && value.length === 3 && typeof value[2] === 'string';
  const envelope: unknown = unacked ? value[0] : value;
  if (!isRecord(envelope) || !isRecord(envelope.headers) || typeof envelope.body !== 'string')
    return undefined;
  const props = isRecord(envelope.properties) ? envelope.properties : {};
  const text = props.body_encoding === 'base64' ? base64Text(envelope.body) : envelope.body;
  if (text === null) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(body) || body.length !== 3) return undefined;
  const h = envelope.headers;
  const info = isRecord(props.delivery_info) ? props.delivery_info : {};
  const routed = unacked ? value[2] : info.routing_key;
  return {
    queue: typeof routed === 'string' && routed !== '' ? routed : null,
    task: String(h.task ?? ''),
    id: String(h.id ?? ''),
    args: body[0],
    kwargs: body[1],
    embed: body[2],
    headers: h,
  };
}
