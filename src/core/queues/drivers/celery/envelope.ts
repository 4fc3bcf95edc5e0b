import { randomUUID } from 'node:crypto';

/** A kombu envelope for fanout/control traffic (pidbox, celeryev): the body is base64 of its JSON. */
export function controlEnvelope(
  body: unknown,
  headers: Record<string, unknown>,
  exchange: string,
  routingKey = '',
): string {
  return JSON.stringify({
    body: Buffer.from(JSON.stringify(body), 'utf8').toString('base64'),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers,
    properties: {
      delivery_info: { exchange, routing_key: routingKey },
      body_encoding: 'base64',
      delivery_tag: randomUUID(),
      delivery_mode: 2,
      priority: 0,
    },
  });
}

/** The body and headers of any kombu envelope (and its delivery tag), or null when it is not one. */
export function openEnvelope(
  text: string,
): { body: unknown; headers: Record<string, unknown>; deliveryTag?: string } | null {
  try {
    const e = JSON.parse(text) as {
      body?: unknown;
      headers?: Record<string, unknown>;
      properties?: { body_encoding?: string; delivery_tag?: unknown };
    };
    const raw =
      typeof e.body === 'string' && e.properties?.body_encoding === 'base64'
        ? Buffer.from(e.body, 'base64').toString('utf8')
        : e.body;
    const body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    const tag = e.properties?.delivery_tag;
    return { body, headers: e.headers ?? {}, ...(typeof tag === 'string' ? { deliveryTag: tag } : {}) };
  } catch {
    return null;
  }
}
