import { useEffect, useState } from 'react';
import { PROFILER_MAX_SECONDS } from '../../../../shared/contract';
import { VirtualList } from '../../components/VirtualList/VirtualList';
import { useConnection } from '../../stores/connection';
import { PROFILER_KEPT, useProfiler } from '../../stores/server-profiler';
import { ProfilerNodePick } from './ProfilerNodePick';

const REASONS = {
  time: 'its time was up',
  user: 'you stopped it',
  replaced: 'another run started',
  connection: 'the connection closed',
  'redis-memory': 'Redis was holding too much of its output',
} as const;

function useSecondsLeft(endsAt: number | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [endsAt]);
  return endsAt ? Math.max(0, Math.ceil((endsAt - now) / 1000)) : 0;
}

/** MONITOR for a bounded time, capped on the way; stopped when the tab closes. */
export function ProfilerPane(): React.JSX.Element {
  const p = useProfiler();
  const cluster = useConnection((s) => s.status?.mode === 'cluster');
  const left = useSecondsLeft(p.running?.endsAt);
  // Leaving the tab (or the Workbench) ends the run: MONITOR should never go on unseen.
  useEffect(() => () => void useProfiler.getState().stop(), []);
  const shown = p.totals.received - p.totals.dropped - p.totals.ownHidden;
  return (
    <div className="server-pane profiler-pane" data-testid="profiler-pane">
      <p className="card server-note">
        The profiler runs <code>MONITOR</code>: Redis then copies every command it runs to QueueDesk, which
        costs it time on every command (Redis's documentation warns a busy server can lose up to half its
        throughput). It stops by itself after the time you set, when you leave this tab, and when Redis holds
        more than 32 MB (or a tenth of its maxmemory) of output QueueDesk has not read yet. At most 10 batches
        of 500 lines a second reach this page; the rest are counted as dropped.
      </p>
      <div className="card row server-toolbar">
        <label>
          Run for (seconds, up to {PROFILER_MAX_SECONDS})
          <input
            type="number"
            min={1}
            max={PROFILER_MAX_SECONDS}
            value={p.seconds}
            disabled={p.running !== null}
            onChange={(e) =>
              p.setSeconds(Math.max(1, Math.min(PROFILER_MAX_SECONDS, Number(e.target.value) || 30)))
            }
            data-testid="profiler-seconds"
          />
        </label>
        {cluster && <ProfilerNodePick disabled={p.running !== null} />}
        <label className="row">
          <input
            type="checkbox"
            checked={p.excludeOwn}
            disabled={p.running !== null}
            onChange={(e) => p.setExcludeOwn(e.target.checked)}
            data-testid="profiler-exclude-own"
          />
          Hide QueueDesk’s own commands
        </label>
        {p.running ? (
          <button onClick={() => void p.stop()} data-testid="profiler-stop">
            Stop ({left} s left)
          </button>
        ) : (
          <button className="primary" onClick={() => void p.start()} data-testid="profiler-start">
            Start
          </button>
        )}
        <span className="muted" data-testid="profiler-counts">
          {p.totals.received.toLocaleString()} received · {shown.toLocaleString()} shown ·{' '}
          <span className={p.totals.dropped > 0 ? 'warn-text' : undefined}>
            {p.totals.dropped.toLocaleString()} dropped
          </span>{' '}
          · {p.totals.ownHidden.toLocaleString()} QueueDesk’s own hidden
          {p.scrolledOff > 0 && (
            <>
              {' '}
              · {p.scrolledOff.toLocaleString()} older than the last {PROFILER_KEPT} not kept
            </>
          )}
        </span>
      </div>
      {p.error && <p className="error-text">{p.error}</p>}
      {p.stopped && !p.running && (
        <p className={p.stopped === 'redis-memory' ? 'warn-text' : 'muted'} data-testid="profiler-stopped">
          Stopped: {p.stopDetail ?? REASONS[p.stopped]}.
        </p>
      )}
      <div className="card profiler-lines">
        {p.lines.length === 0 ? (
          <p className="muted">
            {p.running ? 'Waiting for commands…' : 'Start the profiler to see every command the server runs.'}
          </p>
        ) : (
          <VirtualList
            count={p.lines.length}
            rowHeight={22}
            testId="profiler-list"
            renderRow={(i) => {
              const l = p.lines[i]!;
              return (
                <div className={`profiler-line${l.own ? ' own' : ''}`} data-testid="profiler-line">
                  <span className="muted">{new Date(l.at).toLocaleTimeString()}</span>
                  {cluster && (
                    <span className="profiler-node mono" data-testid="profiler-line-node">
                      {l.node}
                    </span>
                  )}
                  <span className="profiler-client" title={l.addr}>
                    {l.clientName || l.addr}
                    {l.db !== 0 && ` db${l.db}`}
                  </span>
                  <code>{l.command}</code>
                </div>
              );
            }}
          />
        )}
      </div>
    </div>
  );
}
