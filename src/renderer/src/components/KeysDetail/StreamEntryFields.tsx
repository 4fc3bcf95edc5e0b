import type { StreamEntry } from '../../../../shared/contract';
import { displayText } from '../ValueViewer/bytes';
import { ValueViewer } from '../ValueViewer/ValueViewer';

/** The fields of the stream entry clicked, each value in the viewer (formats as for any value). */
export function StreamEntryFields({
  entry,
  namespace,
}: {
  entry: StreamEntry;
  namespace: string;
}): React.JSX.Element {
  return (
    <div className="item-editor" data-testid="stream-entry">
      <div className="muted mono">{entry.id}</div>
      {entry.fields.map((f, i) => (
        <div key={i} className="stream-field">
          <span className="mono">{displayText(f.field, f.fieldEncoding)}</span>
          <ValueViewer value={f} namespace={namespace} />
        </div>
      ))}
    </div>
  );
}
