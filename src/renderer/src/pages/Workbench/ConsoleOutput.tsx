import { useEffect, useRef } from 'react';
import { RespTree } from '../../components/RespTree/RespTree';
import { rawText } from '../../components/RespTree/resp-text';
import type { RespReply } from '../../../../shared/contract';
import { useConsole, type ConsoleEntry } from '../../stores/console';

function Reply({ reply, raw }: { reply: RespReply; raw: boolean }): React.JSX.Element {
  return raw ? <pre className="resp console-raw">{rawText(reply)}</pre> : <RespTree reply={reply} />;
}

function Entry({ entry, raw }: { entry: ConsoleEntry; raw: boolean }): React.JSX.Element {
  const cancel = useConsole((s) => s.cancel);
  return (
    <div className="console-entry" data-testid="console-entry">
      {entry.results.length === 0 && (
        <div className="console-line mono">
          <span className="console-prompt">›</span> {entry.input}
        </div>
      )}
      {entry.results.map((r, i) => (
        <div key={i} className="console-result">
          <div className="console-line mono">
            <span className="console-prompt">›</span> {r.line}
            {r.node && (
              <span className="console-node muted" title="The node that answered" data-testid="console-node">
                @ {r.node}
              </span>
            )}
            <span className="console-ms muted" data-testid="console-ms">
              {r.cancelled ? 'cancelled · ' : ''}
              {r.ms < 1 ? r.ms.toFixed(2) : r.ms.toFixed(1)} ms
            </span>
          </div>
          {r.streamed === undefined && <Reply reply={r.reply} raw={raw} />}
          {r.streamed !== undefined && <span className="muted">{r.streamed} replies streamed</span>}
        </div>
      ))}
      {entry.streamed.length > 0 && (
        <div className="console-stream" data-testid="console-stream">
          {entry.streamDropped > 0 && (
            <div className="muted">{entry.streamDropped} older replies dropped</div>
          )}
          {entry.streamed.map((r, i) => (
            <Reply key={i} reply={r} raw={raw} />
          ))}
        </div>
      )}
      {entry.running && (
        <div className="row console-running">
          <span className="muted">running…</span>
          <button onClick={() => void cancel(entry.runId)} data-testid="console-cancel">
            Cancel
          </button>
        </div>
      )}
      {entry.error && (
        <div className="resp resp-error" data-testid="console-error">
          {entry.error}
        </div>
      )}
    </div>
  );
}

export function ConsoleOutput(): React.JSX.Element {
  const { entries, raw } = useConsole();
  const end = useRef<HTMLDivElement>(null);
  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries]);
  return (
    <div className="console-output" data-testid="console-output">
      {entries.length === 0 && (
        <p className="muted">Replies show here, typed by RESP3: strings, maps, sets…</p>
      )}
      {entries.map((e) => (
        <Entry key={e.id} entry={e} raw={raw} />
      ))}
      <div ref={end} />
    </div>
  );
}
