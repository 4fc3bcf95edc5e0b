import type { CeleryMessage, Embed, Signature } from './message';

/** One task message as read from a list or the unacked hash, decoded as far as it goes. */
export interface DecodedMessage {
  id: string;
  task: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  embed: Embed;
  headers: Record<string, unknown>;
  priority: number | null;
  deliveryTag: string | null;
  routingKey: string | null;
  /** Why the message could not be read (it is then shown, not hidden). */
  broken?: string;
}

type Json = Record<string, unknown>;

const EMPTY_EMBED: Embed = { callbacks: null, errbacks: null, chain: null, chord: null };

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function bodyOf(envelope: Json): unknown {
  const raw = envelope.body;
  if (typeof raw !== 'string') return raw;
  const text =
    obj(envelope.properties).body_encoding === 'base64' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return JSON.parse(text) as unknown;
}

function embedOf(v: unknown): Embed {
  const e = obj(v);
  const list = (x: unknown): Signature[] | null => (Array.isArray(x) ? (x as Signature[]) : null);
  return {
    callbacks: list(e.callbacks),
    errbacks: list(e.errbacks),
    chain: list(e.chain),
    chord: (e.chord as Signature) ?? null,
  };
}

/** Decodes an envelope's JSON text; protocol v2 (headers.task) or v1 (everything in the body). */
export function decodeMessage(text: string): DecodedMessage {
  let envelope: Json = {};
  try {
    envelope = obj(JSON.parse(text));
    const headers = obj(envelope.headers);
    const props = obj(envelope.properties);
    const base = {
      headers,
      priority: typeof props.priority === 'number' ? props.priority : null,
      deliveryTag: str(props.delivery_tag),
      routingKey: str(obj(props.delivery_info).routing_key),
    };
    const body = bodyOf(envelope);
    if (typeof headers.task === 'string') {
      const [args, kwargs, embed] = Array.isArray(body) ? body : [];
      return {
        ...base,
        id: str(headers.id) ?? '',
        task: headers.task,
        args: Array.isArray(args) ? args : [],
        kwargs: obj(kwargs),
        embed: embedOf(embed),
        ...(Array.isArray(body) && body.length === 3 ? {} : { broken: 'body is not [args, kwargs, embed]' }),
      };
    }
    const v1 = obj(body);
    return {
      ...base,
      headers: { ...v1, ...headers },
      id: str(v1.id) ?? '',
      task: str(v1.task) ?? '',
      args: Array.isArray(v1.args) ? v1.args : [],
      kwargs: obj(v1.kwargs),
      embed: EMPTY_EMBED,
      ...(v1.task ? {} : { broken: 'no task name (not a Celery task message)' }),
    };
  } catch (err) {
    return {
      id: '',
      task: '',
      args: [],
      kwargs: {},
      embed: EMPTY_EMBED,
      headers: obj(envelope.headers),
      priority: null,
      deliveryTag: null,
      routingKey: null,
      broken: `cannot decode: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** The message back in the shape QueueDesk builds, to re-send it. */
export function asMessage(d: DecodedMessage): CeleryMessage {
  return {
    body: [d.args, d.kwargs, d.embed],
    headers: { ...d.headers, task: d.task, id: d.id },
    properties: {
      correlation_id: d.id,
      reply_to: '',
      delivery_mode: 2,
      delivery_info: { exchange: '', routing_key: d.routingKey ?? 'celery' },
      priority: d.priority ?? 0,
      body_encoding: 'base64',
      delivery_tag: d.deliveryTag ?? '',
    },
  };
}
