import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../components/Chart/Chart';
import { useDarkScheme } from '../../components/JsonEditor/use-dark';
import { useMetrics } from '../../stores/metrics';

/** Completed and failed per minute, and average wait and run times, over the last hour. */
export function MetricsPanel({ queue }: { queue: string }): React.JSX.Element {
  const { queue: metrics, error } = useMetrics();
  const dark = useDarkScheme();
  const data = metrics?.queue === queue ? metrics : null;
  const { times, counts, timings } = useMemo(() => {
    const minutes = data?.minutes ?? [];
    const counts: ChartSeries[] = [
      { label: 'completed', colorVar: '--ok', values: minutes.map((m) => m.completed) },
      { label: 'failed', colorVar: '--err', values: minutes.map((m) => m.failed) },
    ];
    const timings: ChartSeries[] = [
      { label: 'wait', colorVar: '--warn', values: minutes.map((m) => m.waitMs) },
      { label: 'run', colorVar: '--focus', values: minutes.map((m) => m.runMs) },
    ];
    return { times: minutes.map((m) => m.t), counts, timings };
  }, [data]);
  if (error && !data) return <p className="error-text">{error}</p>;
  if (!data) return <p className="muted">Loading metrics…</p>;
  const finished = data.minutes.reduce((n, m) => n + m.completed + m.failed, 0);
  return (
    <div className="metrics-panel" data-testid="metrics-panel">
      <p className="muted" data-testid="metrics-summary">
        {finished.toLocaleString()} jobs finished in the last hour
        {data.capped ? ` (times from the newest ${data.sampled.toLocaleString()})` : ''}. Jobs removed on
        completion are not counted.
      </p>
      <div className="metrics-charts">
        <Chart title="Finished per minute" times={times} series={counts} unit="" dark={dark} />
        <Chart title="Average wait and run (ms)" times={times} series={timings} unit="" dark={dark} />
      </div>
    </div>
  );
}
