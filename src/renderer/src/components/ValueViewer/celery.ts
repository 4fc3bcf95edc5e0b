/** A Celery protocol-v2 message as kombu puts it in Redis: a JSON envelope whose `body` is base64 JSON. */
export interface CeleryMessage {
  task: string;
  id: string;
  args: unknown;
  kwargs: unknown;
  embed: unknown;
  headers: Record<string, unknown>;
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

/** Decodes the body (base64 unless `body_encoding` says otherwise) into args, kwargs and embed. */
export function decodeCelery(envelope: unknown): CeleryMessage | undefined {
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
  return {
    task: String(h.task ?? ''),
    id: String(h.id ?? ''),
    args: body[0],
    kwargs: body[1],
    embed: body[2],
    headers: h,
  };
}
