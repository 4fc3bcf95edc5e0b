import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../components/Chart/Chart';
import { useDarkScheme } from '../../components/JsonEditor/use-dark';
import { duration } from '../../components/JobDetail/format';
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
      { label: 'wait', colorVar: '--warn', values: minutes.map((m) => m.waitMs), dots: true },
      { label: 'run', colorVar: '--focus', values: minutes.map((m) => m.runMs), dots: true },
    ];
    return { times: minutes.map((m) => m.t), counts, timings };
  }, [data]);
  if (error && !data) return <p className="error-text">{error}</p>;
  if (!data) return <p className="muted">Loading metrics…</p>;
  const finished = data.minutes.reduce((n, m) => n + m.completed + m.failed, 0);
  const failed = data.minutes.reduce((n, m) => n + m.failed, 0);
  const average = (key: 'waitMs' | 'runMs'): string => {
    let sum = 0;
    let n = 0;
    for (const m of data.minutes) {
      const v = m[key];
      if (v === null) continue;
      sum += v * (m.completed + m.failed);
      n += m.completed + m.failed;
    }
    return n ? duration(sum / n) : '—';
  };
  return (
    <div className="metrics-panel" data-testid="metrics-panel">
      <p className="muted" data-testid="metrics-summary">
        {finished.toLocaleString()} jobs finished in the last hour ({failed.toLocaleString()} failed); average
        wait {average('waitMs')}, run {average('runMs')}
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
