import { formatDecimal } from '#libs/core';

/**
 * The socialtilsyn "spindelvæv": one axis per theme/standard, a ring per scale step, and the
 * scores as a polygon. Only geometry is computed here; the partial report-score-radar draws it as
 * SVG, so pages and PDFs need no client JavaScript and every label is escaped by the template.
 */
export interface RadarChart {
  /** A radar needs three axes; with fewer the partial shows nothing (the score table remains). */
  available: boolean;
  title: string;
  width: number;
  height: number;
  cx: number;
  cy: number;
  rings: { points: string; value: number; x: string; y: string }[];
  axes: {
    x2: string;
    y2: string;
    labelX: string;
    labelY: string;
    anchor: 'start' | 'middle' | 'end';
    /** The theme's name, on up to three lines of about 18 characters (SVG text does not wrap). */
    lines: { text: string; dy: string }[];
  }[];
  /** The scores as a polygon; unscored axes sit at the centre. */
  area: string;
  dots: { cx: string; cy: string }[];
  /** The chart in words, for screen readers and text extraction. */
  summary: string;
}

// wide enough for the axis labels left and right of the circle
const WIDTH = 640;
const HEIGHT = 440;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 140;
const n1 = (x: number) => x.toFixed(1);
const LINE = 18;

/** Words to lines of at most LINE characters (a longer word stands alone). */
function wrap(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= LINE) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function radarChart(title: string, axes: { label: string; score: number | null }[], max: number): RadarChart {
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / axes.length;
  const at = (i: number, r: number) => ({ x: CX + r * Math.cos(angle(i)), y: CY + r * Math.sin(angle(i)) });
  const polygon = (r: (i: number) => number) =>
    axes
      .map((_, i) => at(i, r(i)))
      .map((p) => `${n1(p.x)},${n1(p.y)}`)
      .join(' ');
  const radius = (score: number | null) => (RADIUS * (score ?? 0)) / max;
  return {
    available: axes.length >= 3,
    title,
    width: WIDTH,
    height: HEIGHT,
    cx: CX,
    cy: CY,
    rings: Array.from({ length: max }, (_, k) => k + 1).map((value) => ({
      value,
      points: polygon(() => radius(value)),
      x: n1(CX + 3),
      y: n1(CY - radius(value) - 2),
    })),
    axes: axes.map((a, i) => {
      const end = at(i, RADIUS);
      const label = at(i, RADIUS + 18);
      const cos = Math.cos(angle(i));
      const sin = Math.sin(angle(i));
      const lines = wrap(a.label);
      // above the circle the lines grow upwards, below it downwards, beside it around the axis's end
      const first = sin < -0.2 ? -(lines.length - 1) * 15 : sin > 0.2 ? 8 : -((lines.length - 1) * 15) / 2;
      return {
        x2: n1(end.x),
        y2: n1(end.y),
        labelX: n1(label.x),
        labelY: n1(label.y + 4 + first),
        anchor: Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end',
        lines: lines.map((text, k) => ({ text, dy: k === 0 ? '0' : '15' })),
      };
    }),
    area: polygon((i) => radius(axes[i].score)),
    dots: axes.map((a, i) => at(i, radius(a.score))).map((p) => ({ cx: n1(p.x), cy: n1(p.y) })),
    summary: axes.map((a) => `${a.label}: ${a.score === null ? 'ikke vurderet' : formatDecimal(a.score)}`).join('; '),
  };
}
