import { formatDecimal } from '#libs/core';

/**
 * A line chart of scores over periods. Only geometry is computed here; the partial score-trend
 * draws it as SVG (no client JavaScript, works in the PDF too), and a table beside it carries the
 * same figures in text for screen readers.
 */
export interface TrendChart {
  available: boolean;
  width: number;
  height: number;
  /** Horizontal grid lines, one per scale value, with their label. */
  grid: { y: string; label: string }[];
  ticks: { x: string; label: string }[];
  series: {
    label: string;
    colour: string;
    dash: string;
    points: string;
    dots: { cx: string; cy: string; title: string }[];
  }[];
  plot: { left: number; right: number; top: number; bottom: number };
}

const WIDTH = 560;
const HEIGHT = 260;
const PLOT = { left: 40, right: WIDTH - 16, top: 16, bottom: HEIGHT - 32 };
// dark enough for 3:1 against white (WCAG 1.4.11), and told apart by dash pattern as well as colour
const STYLES = [
  { colour: '#1d4f91', dash: '' },
  { colour: '#7a3e00', dash: '6 4' },
];
const n1 = (x: number) => x.toFixed(1);

export function trendChart(
  periods: number[],
  series: { label: string; values: (number | null)[] }[],
  scale: number[],
): TrendChart {
  const min = Math.min(...scale);
  const max = Math.max(...scale);
  const x = (i: number) =>
    periods.length === 1
      ? (PLOT.left + PLOT.right) / 2
      : PLOT.left + ((PLOT.right - PLOT.left) * i) / (periods.length - 1);
  const y = (v: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * (v - min)) / (max - min || 1);
  return {
    available: periods.length > 0,
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    grid: scale.map((v) => ({ y: n1(y(v)), label: String(v) })),
    // at most about ten labels, so ten years stay readable
    ticks: periods
      .map((p, i) => ({ x: n1(x(i)), label: String(p) }))
      .filter((_, i) => i % Math.ceil(periods.length / 10) === 0),
    series: series.map((s, k) => {
      const points = s.values.flatMap((v, i) =>
        v === null ? [] : [{ cx: n1(x(i)), cy: n1(y(v)), title: `${s.label} ${periods[i]}: ${formatDecimal(v)}` }],
      );
      return {
        label: s.label,
        ...STYLES[k % STYLES.length],
        points: points.map((p) => `${p.cx},${p.cy}`).join(' '),
        dots: points,
      };
    }),
  };
}
