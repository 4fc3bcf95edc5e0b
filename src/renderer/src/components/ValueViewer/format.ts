import { decodeCelery, type CeleryMessage } from './celery';
import { escapeBytes } from '../../../../shared/bytes/escape';
import { toBytes, toHex, type WireBytes } from './bytes';

export type ViewMode = 'text' | 'json' | 'hex';

export interface Formatted {
  mode: ViewMode;
  text: string;
  celery?: CeleryMessage;
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!t || !'{["'.includes(t[0]!)) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** The mode a value opens in: binary as hex, JSON pretty, everything else as text. */
export function autoMode(v: WireBytes): ViewMode {
  if (v.valueEncoding === 'base64') return 'hex';
  return parseJson(v.value) !== undefined ? 'json' : 'text';
}

/** Binary in text mode shows redis-cli escapes (`\xff`), never U+FFFD boxes that lose the bytes. */
export function formatValue(v: WireBytes, mode: ViewMode): Formatted {
  if (mode === 'hex') return { mode, text: toHex(toBytes(v)) };
  if (mode === 'text' && v.valueEncoding === 'base64') return { mode, text: escapeBytes(toBytes(v)) };
  const text = v.valueEncoding === 'base64' ? new TextDecoder().decode(toBytes(v)) : v.value;
  if (mode === 'text') return { mode, text };
  const parsed = parseJson(text);
  if (parsed === undefined) return { mode: 'text', text };
  const celery = decodeCelery(parsed);
  return { mode, text: JSON.stringify(parsed, null, 2), ...(celery ? { celery } : {}) };
}
