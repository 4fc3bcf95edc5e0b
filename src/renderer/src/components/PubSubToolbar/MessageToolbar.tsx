import { useShallow } from 'zustand/react/shallow';
import { usePubSubMessages } from '../../stores/pubsub-messages';
import { toJsonLines } from '../../stores/pubsub-format';
import { Counters } from './Counters';
import { RateMeter } from './RateMeter';
import './MessageToolbar.css';

/** Controls over the live table: pause, filter, clear, export, with the counters and the rate. */
export function MessageToolbar({ shown }: { shown: number }): React.JSX.Element {
  const { frozen, filter, rows, togglePause, setFilter, clear } = usePubSubMessages(
    useShallow((s) => ({
      frozen: s.frozen,
      filter: s.filter,
      rows: s.rows,
      togglePause: s.togglePause,
      setFilter: s.setFilter,
      clear: s.clear,
    })),
  );
  const waiting = frozen ? Math.max(0, (rows.at(-1)?.id ?? 0) - (frozen.at(-1)?.id ?? 0)) : 0;
  return (
    <div className="msg-toolbar">
      <div className="msg-controls">
        <button
          className={frozen ? 'primary' : undefined}
          onClick={togglePause}
          data-testid="pubsub-pause"
          title={frozen ? 'Show live messages again' : 'Hold the table still; messages keep arriving'}
        >
          {frozen ? `Resume${waiting ? ` (${waiting.toLocaleString()} new)` : ''}` : 'Pause'}
        </button>
        <input
          type="search"
          placeholder="Filter channel or payload"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter messages"
          data-testid="pubsub-filter"
        />
        <button onClick={clear} data-testid="pubsub-clear">
          Clear
        </button>
        <button
          onClick={() => download(toJsonLines(rows))}
          disabled={rows.length === 0}
          data-testid="pubsub-export"
        >
          Export JSONL
        </button>
      </div>
      <div className="msg-stats">
        <Counters shown={shown} />
        <RateMeter />
      </div>
    </div>
  );
}

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `pubsub-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
