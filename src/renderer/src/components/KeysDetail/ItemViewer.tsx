import { useMemo } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { useKeys } from '../../stores/keys';
import { namespaceOf, useValueFormats } from '../../stores/value-formats';
import { displayText, toBytes, type WireBytes } from '../ValueViewer/bytes';
import { autoFormat } from '../ValueViewer/formats/decode';
import { ValueViewer } from '../ValueViewer/ValueViewer';

/** The open key's namespace, under which a format picked by hand is remembered. */
export function useNamespace(details: KeyDetails): string {
  const delimiter = useKeys((s) => s.delimiter);
  return namespaceOf(displayText(details.key, details.keyEncoding), delimiter);
}

/**
 * An element's value in the viewer, above its editor: shown when the bytes are more than plain text, or a
 * format was picked for the namespace (plain text is already readable in the editor).
 */
export function ItemViewer({
  value,
  namespace,
}: {
  value: WireBytes;
  namespace: string;
}): React.JSX.Element | null {
  const remembered = useValueFormats((s) => s.byNamespace[namespace]);
  const { value: text, valueEncoding } = value;
  const detected = useMemo(() => autoFormat(toBytes({ value: text, valueEncoding })), [text, valueEncoding]);
  if (!remembered && detected === 'text') return null;
  return <ValueViewer value={value} namespace={namespace} />;
}
