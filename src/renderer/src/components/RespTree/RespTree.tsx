import { useState } from 'react';
import type { RespReply } from '../../../../shared/contract';
import { scalarText, shownBytes } from './resp-text';
import './RespTree.css';

const CONTAINERS = new Set(['array', 'set', 'push', 'map']);

function count(r: RespReply): number {
  return r.type === 'array' || r.type === 'set' || r.type === 'push' || r.type === 'map' ? r.value.length : 0;
}

/** One reply as a tree: containers fold, each node says its RESP type, errors in red. */
export function RespTree({ reply, depth = 0 }: { reply: RespReply; depth?: number }): React.JSX.Element {
  const [open, setOpen] = useState(depth < 2);
  if (!CONTAINERS.has(reply.type)) return <RespScalar reply={reply} />;
  const n = count(reply);
  if (n === 0) {
    return <span className={`resp resp-${reply.type}`}>(empty {reply.type})</span>;
  }
  return (
    <div className={`resp-node resp-${reply.type}`}>
      <button className="resp-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'} {reply.type} ({n})
      </button>
      {open && (
        <ol className="resp-children">
          {reply.type === 'map'
            ? reply.value.map((e, i) => (
                <li key={i} className="resp-pair">
                  <RespTree reply={e.key} depth={depth + 1} />
                  <span className="resp-arrow">→</span>
                  <RespTree reply={e.value} depth={depth + 1} />
                </li>
              ))
            : (reply as { value: RespReply[] }).value.map((child, i) => (
                <li key={i}>
                  <span className="resp-index">{i + 1})</span>
                  <RespTree reply={child} depth={depth + 1} />
                </li>
              ))}
        </ol>
      )}
    </div>
  );
}

function RespScalar({ reply }: { reply: RespReply }): React.JSX.Element {
  if (reply.type === 'verbatim') {
    return (
      <pre className="resp resp-verbatim" title={`verbatim (${reply.format})`}>
        {shownBytes(reply.value, reply.valueEncoding)}
      </pre>
    );
  }
  const binary = reply.type === 'string' && reply.valueEncoding === 'base64';
  return (
    <span
      className={`resp resp-${reply.type}`}
      title={binary ? 'not UTF-8: shown with \\x escapes' : reply.type}
      data-testid={reply.type === 'error' ? 'resp-error' : undefined}
    >
      {scalarText(reply)}
    </span>
  );
}
