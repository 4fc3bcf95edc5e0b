import { EnvelopeTemplate, type EnvelopeFields } from './envelope-template';

/**
 * Whether a waiting message matches a search: the lower-cased needle in its id, its task name or its body's JSON
 * text (a message that is not a JSON envelope is matched on its raw text). A count over 100,000 messages runs this
 * 100,000 times: messages shaped like the last ones are read through a template instead of JSON.parse, and a body
 * repeated from the previous message (copies share one) is decoded once.
 */
type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** A field as the template sees it: null when JSON.parse found something other than a string there. */
function plain(v: unknown): string | undefined | null {
  return v === undefined || typeof v === 'string' ? v : null;
}

/**
 * Whether the n-th miss in a row rebuilds the template: the first few do (copies give a template in two messages),
 * then fewer and fewer, so a list of ever-different shapes costs little more than JSON.parse alone.
 */
function rebuildAt(n: number): boolean {
  return n <= 4 || (n & (n - 1)) === 0 || n % 256 === 0;
}

export function searchMatcher(needle: string): (text: string) => boolean {
  // A needle across the line breaks joining the fields can only match the joined text.
  const joined = needle.includes('\n');
  let template: EnvelopeTemplate | null = null;
  let misses = 0;
  let lastBody: string | null = null;
  let lastBase64 = false;
  let lastBodyText = '';

  const bodyText = (raw: string, base64: boolean): string => {
    if (raw !== lastBody || base64 !== lastBase64) {
      lastBody = raw;
      lastBase64 = base64;
      lastBodyText = (base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw).toLowerCase();
    }
    return lastBodyText;
  };

  const matches = (id: string, task: string, body: string): boolean =>
    joined
      ? `${id}\n${task}\n${body}`.toLowerCase().includes(needle)
      : id.toLowerCase().includes(needle) || task.toLowerCase().includes(needle) || body.includes(needle);

  /** The usual reading, and a template from it now and then. */
  const parse = (text: string): boolean => {
    let envelope: Json;
    try {
      envelope = obj(JSON.parse(text));
    } catch {
      return text.toLowerCase().includes(needle);
    }
    const headers = obj(envelope.headers);
    const raw = envelope.body;
    const bodyEncoding = obj(envelope.properties).body_encoding;
    if (rebuildAt(++misses)) {
      const fields = {
        id: plain(headers.id),
        task: plain(headers.task),
        body: plain(raw),
        bodyEncoding: plain(bodyEncoding),
      } as EnvelopeFields; // a null never equals a template's reading: no template then
      template = template?.widen(text) ?? EnvelopeTemplate.of(text, fields) ?? template;
    }
    const body =
      typeof raw === 'string'
        ? bodyText(raw, bodyEncoding === 'base64')
        : String(JSON.stringify(raw)).toLowerCase();
    return matches(String(headers.id ?? ''), String(headers.task ?? ''), body);
  };

  return (text) => {
    const fields = template?.read(text);
    if (!fields) return parse(text);
    misses = 0;
    const body =
      fields.body === undefined ? 'undefined' : bodyText(fields.body, fields.bodyEncoding === 'base64');
    return matches(fields.id ?? '', fields.task ?? '', body);
  };
}
