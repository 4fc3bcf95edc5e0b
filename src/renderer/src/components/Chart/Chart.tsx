import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './Chart.css';

export interface ChartSeries {
  label: string;
  /** A CSS variable name such as `--ok`, so the line follows the theme. */
  colorVar: string;
  values: Array<number | null>;
  /** Draw each value as a dot too: for series with gaps, where a lone value has no line. */
  dots?: boolean;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** A small time chart (uPlot) sized to its box; redrawn when the data or theme changes. */
export function Chart({
  title,
  times,
  series,
  unit,
  dark,
  timeFormat,
}: {
  title: string;
  /** Epoch ms, one per value. */
  times: number[];
  series: ChartSeries[];
  unit: string;
  dark: boolean;
  /** uPlot date template for the time axis (e.g. `{h}:{mm}:{ss}`); uPlot's own stacked labels otherwise. */
  timeFormat?: string;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = {
      stroke: cssVar('--muted'),
      grid: { stroke: cssVar('--border'), width: 1 },
      ticks: { show: false },
    };
    const fmt = uPlot.fmtDate(timeFormat ?? '{h}:{mm}');
    const plot = new uPlot(
      {
        width: el.clientWidth || 400,
        height: 150,
        legend: { show: true },
        scales: { x: { time: true } },
        axes: [
          timeFormat
            ? {
                ...axis,
                space: 80, // one-line labels need more room than uPlot's stacked ones
                values: (_u: uPlot, ticks: number[]) => ticks.map((t) => fmt(new Date(t * 1000))),
              }
            : axis,
          { ...axis, size: 48, values: (_u, ticks) => ticks.map((t) => `${t}${unit}`) },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: cssVar(s.colorVar),
            width: 1.5,
            spanGaps: false,
            points: { show: s.dots ?? false, size: 4, fill: cssVar(s.colorVar) },
          })),
        ],
      },
      [times.map((t) => t / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 150 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [times, series, unit, dark, timeFormat]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} />
    </figure>
  );
}
