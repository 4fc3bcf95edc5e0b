import './Sparkline.css';

/** A tiny line of recent values (finished jobs per minute); no axes, the title says what it is. */
export function Sparkline({
  values,
  width = 90,
  height = 22,
  label,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
}): React.JSX.Element {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`,
  );
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <title>{`${label}: ${total} in the last ${values.length} min, peak ${Math.max(0, ...values)}/min`}</title>
      {points.length > 1 && <polyline points={points.join(' ')} />}
    </svg>
  );
}
