import { useEffect, useMemo, useState } from 'react';
import { toBytes, type WireBytes } from './bytes';
import { autoFormat, decodeAs, type Decoded } from './formats/decode';
import type { Format } from './formats/detect';
import { useValueFormats } from '../../stores/value-formats';

export interface DecodedView {
  /** The format in use: picked by hand (remembered for the namespace) or detected. */
  format: Format;
  /** True when nothing was picked by hand and `format` was detected from the bytes. */
  auto: boolean;
  /** Null while a decompression runs. */
  decoded: Decoded | null;
  choose(f: Format | null): void;
}

/**
 * Decodes a value in the format picked for its namespace (kept across reloads), or the one its bytes
 * suggest. Without a namespace the pick lasts as long as the viewer.
 */
export function useDecoded(value: WireBytes, namespace?: string): DecodedView {
  const { value: text, valueEncoding } = value;
  // Keyed by the contents, not the object: callers may build a fresh one every render.
  const bytes = useMemo(() => toBytes({ value: text, valueEncoding }), [text, valueEncoding]);
  const detected = useMemo(() => autoFormat(bytes), [bytes]);
  const remembered = useValueFormats((s) => (namespace === undefined ? undefined : s.byNamespace[namespace]));
  const choose = useValueFormats((s) => s.choose);
  const [local, setLocal] = useState<Format | null>(null);
  const picked = namespace === undefined ? local : (remembered ?? null);
  const format = picked ?? detected;
  const [decoded, setDecoded] = useState<{ for: [Uint8Array, Format]; result: Decoded } | null>(null);
  useEffect(() => {
    let live = true;
    void decodeAs(bytes, format).then((result) => live && setDecoded({ for: [bytes, format], result }));
    return () => {
      live = false;
    };
  }, [bytes, format]);
  const current = decoded && decoded.for[0] === bytes && decoded.for[1] === format ? decoded.result : null;
  return {
    format,
    auto: picked === null,
    decoded: current,
    choose: (f) => (namespace === undefined ? setLocal(f) : choose(namespace, f)),
  };
}
