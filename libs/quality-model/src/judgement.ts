import { formatDecimal, roundAsShown } from '#libs/core';
import type { Scale, TrafficLight } from './catalogue-format.js';
import { TRAFFIC_LIGHTS, type TrafficLightColour } from './vocabulary.js';

/** A score as every page, export and document shows it: the shown number and the words and light judged from it. */
export interface Judgement {
  /** The shown value: the score rounded to one decimal, exactly as `scoreText` prints it. */
  score: number;
  /** One decimal, Danish comma: "3,7". */
  scoreText: string;
  /** The verbal level: the label of the scale level nearest the shown value (halfway goes up). */
  label: string;
  light: TrafficLightColour;
  lightLabel: string;
  lightColour: string;
}

/**
 * The traffic light of a score, judged from the value as shown (one decimal): with green from 4,
 * 3.96 shows "4,0" and is green. The thresholds are the model version's (trafficLight).
 */
export function trafficLight(thresholds: TrafficLight, score: number): TrafficLightColour {
  const shown = roundAsShown(score);
  return shown >= thresholds.green ? 'green' : shown >= thresholds.yellow ? 'yellow' : 'red';
}

/** The scale level nearest the shown value; halfway between two levels reads as the higher one. */
export function verbalLevel(scale: Pick<Scale, 'levels'>, score: number): string {
  const shown = roundAsShown(score);
  let best = scale.levels[0];
  for (const l of scale.levels) {
    const d = Math.abs(l.value - shown);
    const bestD = Math.abs(best.value - shown);
    if (d < bestD || (d === bestD && l.value > best.value)) best = l;
  }
  return best?.label ?? '';
}

/**
 * The one judgement of a score: the shown number, its verbal level and its traffic light, all from
 * the same shown value and the model version's scale and thresholds. null stays null (nothing scored).
 */
export function judge(
  model: { scale: Pick<Scale, 'levels'>; trafficLight: TrafficLight },
  score: number | null,
): Judgement | null {
  if (score === null) return null;
  const shown = roundAsShown(score);
  const light = trafficLight(model.trafficLight, shown);
  return {
    score: shown,
    scoreText: formatDecimal(shown),
    label: verbalLevel(model.scale, shown),
    light,
    lightLabel: TRAFFIC_LIGHTS[light].label,
    lightColour: TRAFFIC_LIGHTS[light].colour,
  };
}

/** The lowest shown value (one decimal) at or above a threshold. */
const shownFrom = (threshold: number) => Math.ceil(Math.round(threshold * 1000) / 100) / 10;

/**
 * The legend of the lights, from the same thresholds and in shown values: with green from 4 and
 * yellow from 3, "Grøn: 4,0–5,0", "Gul: 3,0–3,9", "Rød: 1,0–2,9".
 */
export function lightLegend(model: { scale: Pick<Scale, 'levels'>; trafficLight: TrafficLight }) {
  const values = model.scale.levels.map((l) => l.value);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const green = shownFrom(model.trafficLight.green);
  const yellow = shownFrom(model.trafficLight.yellow);
  const range = (from: number, to: number) => `${formatDecimal(from)}–${formatDecimal(to)}`;
  const rows: [TrafficLightColour, string][] = [
    ['green', range(green, max)],
    ['yellow', range(yellow, roundAsShown(green - 0.1))],
    ['red', range(min, roundAsShown(yellow - 0.1))],
  ];
  return rows.map(([light, range]) => ({ light, range, ...TRAFFIC_LIGHTS[light] }));
}
