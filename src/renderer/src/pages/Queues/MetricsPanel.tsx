import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../components/Chart/Chart';
import { useDarkScheme } from '../../components/JsonEditor/use-dark';
import { duration } from '../../components/JobDetail/format';
import { useMetrics } from '../../stores/metrics';
import { RANGES, RANGE_KEYS } from '../../stores/metrics-ranges';
import type { MinuteBucket } from '../../../../shared/contract';
import { SOURCE_TEXT } from './metrics-source';

function RangeSwitch({ queue }: { queue: string }): React.JSX.Element {
  const { range, setRange } = useMetrics();
  return (
    <div className="row view-switch metrics-range" role="tablist" aria-label="Range">
      {RANGE_KEYS.map((key) => (
        <button
          key={key}
          role="tab"
          aria-selected={range === key}
          className={range === key ? 'selected' : ''}
          onClick={() => setRange(key, queue)}
          data-testid={`metrics-range-${key}`}
          title={`${RANGES[key].window}, ${RANGES[key].per}`}
        >
          {RANGES[key].label} <span className="muted">· {RANGES[key].per}</span>
        </button>
      ))}
    </div>
  );
}

/** The live view shows at least this much, else from a little before the first finished job in the window. */
const LIVE_MIN_BUCKETS = 60;
const LIVE_LEAD_BUCKETS = 5;

/**
 * A short test in a 5-minute window would fill its last pixels: the live view starts where the activity does,
 * keeping a minute at least so the scale stays readable.
 */
export function liveSpan(buckets: MinuteBucket[]): MinuteBucket[] {
  const first = buckets.findIndex((b) => b.completed + b.failed > 0);
  if (first < 0) return buckets;
  return buckets.slice(Math.max(0, Math.min(first - LIVE_LEAD_BUCKETS, buckets.length - LIVE_MIN_BUCKETS)));
}

/** Wait and run averaged over the jobs whose times are known, weighted by how many finished in each bucket. */
function average(buckets: MinuteBucket[], key: 'waitMs' | 'runMs'): string {
  let sum = 0;
  let n = 0;
  for (const b of buckets) {
    const v = b[key];
    if (v === null) continue;
    sum += v * (b.completed + b.failed);
    n += b.completed + b.failed;
  }
  return n ? duration(sum / n) : '—';
}

/** Completed and failed per bucket, and average wait and run times, over the range chosen. */
export function MetricsPanel({ queue }: { queue: string }): React.JSX.Element {
  const { queue: metrics, range, error } = useMetrics();
  const dark = useDarkScheme();
  const data = metrics?.queue === queue ? metrics : null;
  const { times, counts, timings, timed } = useMemo(() => {
    const all = data?.buckets ?? [];
    const buckets = data?.resolution === '1s' ? liveSpan(all) : all;
    const counts: ChartSeries[] = [
      { label: 'completed', colorVar: '--ok', values: buckets.map((m) => m.completed) },
      { label: 'failed', colorVar: '--err', values: buckets.map((m) => m.failed) },
    ];
    const timings: ChartSeries[] = [
      { label: 'wait', colorVar: '--warn', values: buckets.map((m) => m.waitMs), dots: true },
      { label: 'run', colorVar: '--focus', values: buckets.map((m) => m.runMs), dots: true },
    ];
    const timed = buckets.some((m) => m.runMs !== null);
    return { times: buckets.map((m) => m.t), counts, timings, timed };
  }, [data]);
  if (error && !data) return <p className="error-text">{error}</p>;
  if (!data || !range) return <p className="muted">Loading metrics…</p>;
  const shown = RANGES[range];
  const finished = data.buckets.reduce((n, m) => n + m.completed + m.failed, 0);
  const failed = data.buckets.reduce((n, m) => n + m.failed, 0);
  const source = SOURCE_TEXT[data.source];
  return (
    <div className="metrics-panel" data-testid="metrics-panel" data-resolution={data.resolution}>
      <RangeSwitch queue={queue} />
      <p className="muted" data-testid="metrics-summary">
        {finished.toLocaleString()} jobs finished in {shown.window} ({failed.toLocaleString()} failed);
        average wait {average(data.buckets, 'waitMs')}, run {average(data.buckets, 'runMs')}
        {data.capped ? ` (times from the newest ${data.sampled.toLocaleString()})` : ''}.{' '}
        <span
          className={`metrics-source source-${data.source}`}
          data-testid="metrics-source"
          data-source={data.source}
          title={source.long}
        >
          Counts: {source.short}
        </span>
      </p>
      {data.source === 'sets' && <p className="muted metrics-hint">{source.long}</p>}
      <div className="metrics-charts">
        <Chart
          title={`Finished ${shown.per}`}
          times={times}
          series={counts}
          unit=""
          dark={dark}
          timeFormat={shown.time}
        />
        {timed ? (
          <Chart
            title="Average wait and run (ms)"
            times={times}
            series={timings}
            unit=""
            dark={dark}
            timeFormat={shown.time}
          />
        ) : (
          <p className="muted metrics-no-times" data-testid="metrics-no-times">
            No wait or run times: they are read from the finished jobs Redis keeps, and none finished in this
            range is kept (removed on completion, or none finished).
          </p>
        )}
      </div>
    </div>
  );
}
