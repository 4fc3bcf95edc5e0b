import { useMemo } from 'react';
import { formatBytes, formatTime, hexDump, prettyPayload, type MessageRow } from '../../stores/pubsub-format';
import './MessageDetail.css';

/** The selected message in full: its facts, and the payload pretty-printed when it is JSON. */
export function MessageDetail({ row }: { row: MessageRow | null }): React.JSX.Element {
  const shown = useMemo(() => (row ? prettyPayload(row) : null), [row]);
  if (!row || !shown) {
    return (
      <div className="msg-detail empty muted" data-testid="pubsub-detail">
        Select a message to see it in full.
      </div>
    );
  }
  const binary = row.payloadEncoding === 'base64';
  return (
    <div className="msg-detail" data-testid="pubsub-detail">
      <dl className="msg-facts">
        <dt>Channel</dt>
        <dd className="mono">
          {row.channel}
          {row.channelEncoding ? ' (base64)' : ''}
        </dd>
        {row.pattern !== undefined && (
          <>
            <dt>Pattern</dt>
            <dd className="mono">{row.pattern}</dd>
          </>
        )}
        <dt>Received</dt>
        <dd className="mono">
          {new Date(row.ts).toLocaleDateString()} {formatTime(row.ts)}
        </dd>
        <dt>Payload</dt>
        <dd>
          {binary ? 'binary, shown as base64 and hex' : shown.json ? 'JSON' : 'text'}
          {row.truncated && row.size !== undefined && (
            <span className="warn-text">
              {' '}
              · first {formatBytes(16 * 1024)} of {formatBytes(row.size)}
            </span>
          )}
        </dd>
      </dl>
      <div className="msg-payload-head">
        <button onClick={() => void navigator.clipboard?.writeText(shown.text)}>Copy payload</button>
      </div>
      <pre className="msg-payload mono" data-testid="pubsub-detail-payload">
        {shown.text}
      </pre>
      {binary && <pre className="msg-payload mono muted">{hexDump(row.payload)}</pre>}
    </div>
  );
}
