import './Sparkline.css';

/**
 * A tiny line of recent values with its peak written beside it; a flat zero line is drawn muted, so a quiet
 * queue does not look like a busy one at its floor. The tooltip says what the values are.
 */
export function Sparkline({
  values,
  width = 90,
  height = 22,
  label,
  per,
  window,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
  /** What one value covers, e.g. "10 s". */
  per: string;
  /** The span of all values, e.g. "5 min". */
  window: string;
}): React.JSX.Element {
  const peak = Math.max(0, ...values);
  const max = Math.max(1, peak);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`,
  );
  const total = values.reduce((a, b) => a + b, 0);
  const idle = total === 0;
  return (
    <span className={`sparkline${idle ? ' idle' : ''}`} data-testid="sparkline" data-total={total}>
      <svg width={width} height={height} role="img" aria-label={label}>
        <title>{`${label}: ${total.toLocaleString()} in the last ${window}, peak ${peak.toLocaleString()} per ${per}`}</title>
        {points.length > 1 && <polyline points={points.join(' ')} />}
      </svg>
      <span className="sparkline-peak" aria-hidden="true">
        {idle ? '' : peak.toLocaleString()}
      </span>
    </span>
  );
}
