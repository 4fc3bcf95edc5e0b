import { useEffect, useMemo, useState } from 'react';
import type { LatencyEvent } from '../../../../shared/contract';
import { Chart, type ChartSeries } from '../../components/Chart/Chart';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { useDarkScheme } from '../../components/JsonEditor/use-dark';
import { SortTable, type Column } from '../../components/SortTable/SortTable';
import { useLatency } from '../../stores/server-latency';
import { SettingInput } from './SettingInput';
import { useNodeChoice } from '../../stores/cluster-nodes';

function columns(select: (name: string) => void, selected: string | null): Column<LatencyEvent>[] {
  return [
    {
      id: 'name',
      label: 'Event',
      value: (e) => e.name,
      render: (e) => (
        <button
          className={`link-button${e.name === selected ? ' selected' : ''}`}
          onClick={() => select(e.name)}
          data-testid="latency-event"
        >
          {e.name}
        </button>
      ),
    },
    {
      id: 'last',
      label: 'Last spike',
      value: (e) => e.lastAt,
      render: (e) => new Date(e.lastAt).toLocaleString(),
    },
    { id: 'latest', label: 'Latest (ms)', value: (e) => e.latestMs, numeric: true },
    { id: 'max', label: 'Max (ms)', value: (e) => e.maxMs, numeric: true },
    { id: 'samples', label: 'Samples', value: (e) => e.history.length, numeric: true },
  ];
}

function HistoryChart({ event }: { event: LatencyEvent }): React.JSX.Element {
  const dark = useDarkScheme();
  const { times, series } = useMemo(() => {
    // Empty ends from 5 minutes before the first spike to now: a lone spike would get a range of years.
    const first = event.history[0]?.at ?? Date.now();
    const times = [first - 5 * 60_000, ...event.history.map((h) => h.at), Math.max(Date.now(), first + 1000)];
    const values = [null, ...event.history.map((h) => h.ms), null];
    const series: ChartSeries[] = [{ label: event.name, colorVar: '--warn', values, dots: true }];
    return { times, series };
  }, [event]);
  return (
    <Chart title={`LATENCY HISTORY ${event.name} (ms)`} times={times} series={series} unit="" dark={dark} />
  );
}

/** LATENCY LATEST and HISTORY; how to turn the monitor on when its threshold is 0. */
export function LatencyPane(): React.JSX.Element {
  const { view, error, selected, load, select, reset, setThreshold } = useLatency();
  const [confirming, setConfirming] = useState(false);
  const { ready, key } = useNodeChoice();
  useEffect(() => {
    if (ready) void load();
  }, [load, ready, key]);
  const cols = useMemo(() => columns(select, selected), [select, selected]);
  const event = view?.events.find((e) => e.name === selected) ?? null;
  const off = view?.thresholdMs === 0;
  return (
    <div className="server-pane" data-testid="latency-pane">
      <div className="card row server-toolbar">
        <label>
          Record spikes of at least (ms)
          <SettingInput
            name="latency-monitor-threshold"
            value={String(view?.thresholdMs ?? '')}
            onSave={(v) => void setThreshold(v)}
          />
        </label>
        <div className="row server-actions">
          <button onClick={() => void load()} data-testid="latency-refresh">
            Refresh
          </button>
          <button
            className="danger"
            disabled={!view || view.events.length === 0}
            onClick={() => setConfirming(true)}
            data-testid="latency-reset"
          >
            Reset…
          </button>
        </div>
      </div>
      {off && (
        <p className="card server-note" data-testid="latency-off">
          The latency monitor is off: <code>latency-monitor-threshold</code> is 0, so Redis records nothing.
          Set it above to a number of milliseconds (100 is a good start for an app; 10 to see smaller stalls)
          and Redis records every event (command, fork, expire-cycle, aof-fsync…) that takes at least that
          long. The cost is small: a clock read around each monitored operation.
        </p>
      )}
      {error && <p className="error-text">{error}</p>}
      {view && !off && view.events.length === 0 && (
        <p className="muted">No event has taken {view.thresholdMs} ms or more since the last reset.</p>
      )}
      {view && view.events.length > 0 && (
        <div className="memory-grid">
          <div className="card server-section">
            <SortTable columns={cols} rows={view.events} initialSort="last" testId="latency-table" />
          </div>
          <div className="card server-section">{event && <HistoryChart event={event} />}</div>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          request={{
            title: 'Reset latency samples',
            message: `LATENCY RESET deletes the recorded spikes of all ${view?.events.length ?? 0} events, for every client of this server.`,
            confirmLabel: 'Reset',
            danger: true,
            onConfirm: () => void reset(),
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
