import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useProcesses } from '../../stores/processes';
import { commandLine } from './CommandRow';

const LINE = 20;

/**
 * Live log lines of one process (or all), newest at the bottom; follows the end unless scrolled up. Long lines
 * wrap, so rows are measured rather than all one height.
 */
export function LogView({
  processId,
  onChange,
}: {
  processId: string | null;
  onChange(id: string | null): void;
}): React.JSX.Element {
  const { logs, droppedLogs, processes } = useProcesses();
  const lines = useMemo(
    () => (processId ? logs.filter((l) => l.processId === processId) : logs),
    [logs, processId],
  );
  const shown = processes.find((p) => p.id === processId);
  const command = shown?.kind === 'command' ? shown.command : undefined;
  const scroller = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const lastTop = useRef(0);
  const virtual = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE,
    overscan: 20,
  });
  useEffect(() => {
    if (follow.current && lines.length) virtual.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, virtual]);
  // Rows measured taller than estimated (wrapped lines) push the end down: keep up with it while following.
  const total = virtual.getTotalSize();
  useEffect(() => {
    if (follow.current && lines.length) virtual.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [total, lines.length, virtual]);
  return (
    <div className="card log-card" data-testid="log-view">
      <div className="row-between">
        <h2>Logs</h2>
        <select
          value={processId ?? ''}
          onChange={(e) => onChange(e.target.value || null)}
          aria-label="Process"
          data-testid="log-process"
        >
          <option value="">all processes</option>
          {processes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}
            </option>
          ))}
        </select>
      </div>
      {command && (
        // The table shows two lines of it; here it is whole.
        <div className="log-command">
          <code data-testid="log-command">{commandLine(command)}</code>
          <span className="muted" data-testid="log-command-cwd">
            in {command.cwd}
          </span>
        </div>
      )}
      {droppedLogs > 0 && (
        <p className="muted">{droppedLogs.toLocaleString()} older lines dropped (5,000 kept).</p>
      )}
      <div
        className="log-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < LINE * 2;
          // Only the user scrolling up stops the following: wrapped rows measured after a jump to the end grow
          // the list under a scroll that went down, which must not count as leaving the end.
          if (atEnd) follow.current = true;
          else if (el.scrollTop < lastTop.current) follow.current = false;
          lastTop.current = el.scrollTop;
        }}
      >
        {lines.length === 0 ? (
          <p className="muted">No log lines yet{processId ? ` from ${processId}` : ''}.</p>
        ) : (
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const l = lines[item.index];
              if (!l) return null;
              return (
                <div
                  key={item.key}
                  ref={virtual.measureElement}
                  data-index={item.index}
                  className={`log-line l-${l.level}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-testid="log-line"
                >
                  <span className="muted">
                    {new Date(l.ts).toLocaleTimeString(undefined, { hour12: false })}
                  </span>
                  {!processId && <span className="log-proc">{l.processId}</span>}
                  <span className="log-text">{l.line}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
