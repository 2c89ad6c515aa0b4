import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Scale, TrafficLight } from '../../libs/quality-model/src/catalogue-format.js';
import { judge, lightLegend } from '../../libs/quality-model/src/judgement.js';

const level = (value: number, label: string) => ({ value, label, meaning: '' });
/** The two shipped models' scales and lights (catalogue/socialtilsyn.yaml, catalogue/regional-social.yaml). */
const SOCIALTILSYN = {
  scale: {
    levels: [
      level(5, 'I meget høj grad opfyldt'),
      level(4, 'I høj grad opfyldt'),
      level(3, 'I middel grad opfyldt'),
      level(2, 'I lav grad opfyldt'),
      level(1, 'I meget lav grad opfyldt'),
    ],
  },
  trafficLight: { green: 4, yellow: 3 },
};
const REGIONAL = {
  scale: { levels: [level(3, 'Opfyldt'), level(2, 'Delvist opfyldt'), level(1, 'Ikke opfyldt')] },
  trafficLight: { green: 2.5, yellow: 1.5 },
};
type Model = { scale: Pick<Scale, 'levels'>; trafficLight: TrafficLight };

/** What a reader sees, read back: "3,5" → 3.5. */
const read = (text: string) => Number(text.replace(',', '.'));

/** Any score on a model's scale, with the model. */
const onScale = (model: Model) => {
  const values = model.scale.levels.map((l) => l.value);
  return fc.double({ min: Math.min(...values), max: Math.max(...values), noNaN: true }).map((x) => ({ model, x }));
};
/** Models with their thresholds anywhere on a 1–5 scale, at one decimal as the settings page takes them. */
const anyModel = fc
  .tuple(fc.integer({ min: 10, max: 50 }), fc.integer({ min: 10, max: 50 }))
  .map(([a, b]) => ({ ...SOCIALTILSYN, trafficLight: { green: Math.max(a, b) / 10, yellow: Math.min(a, b) / 10 } }));

describe('the one judgement of a score', () => {
  it('gives every value on the scale the light and words of the number it shows', () => {
    fc.assert(
      fc.property(fc.oneof(onScale(SOCIALTILSYN), onScale(REGIONAL), anyModel.chain(onScale)), ({ model, x }) => {
        const j = judge(model, x)!;
        const shown = read(j.scoreText);
        expect(j.scoreText).toMatch(/^\d,\d$/);
        expect(j.score).toBe(shown);
        // the light of the shown number by the model's thresholds
        expect(j.light).toBe(
          shown >= model.trafficLight.green ? 'green' : shown >= model.trafficLight.yellow ? 'yellow' : 'red',
        );
        // judging the shown number again gives the same judgement: nothing depends on hidden decimals
        expect(judge(model, shown)).toEqual(j);
      }),
      { numRuns: 2000 },
    );
  });

  it('judges every shown value of the scale (1,0 … 5,0) and the values just around it alike', () => {
    for (let tenths = 10; tenths <= 50; tenths++) {
      const shown = tenths / 10;
      const j = judge(SOCIALTILSYN, shown)!;
      for (const x of [shown - 0.049999, shown - 0.01, shown + 0.01, shown + 0.0499]) {
        if (x < 1 || x > 5) continue;
        expect(judge(SOCIALTILSYN, x)).toEqual(j);
      }
    }
  });

  it('says "4,0", green and "I høj grad" for 3.96 when green starts at 4 (the old report said yellow)', () => {
    expect(judge(SOCIALTILSYN, 3.96)).toMatchObject({
      scoreText: '4,0',
      light: 'green',
      lightLabel: 'Grøn',
      label: 'I høj grad opfyldt',
    });
    expect(judge(SOCIALTILSYN, 3.94)).toMatchObject({ scoreText: '3,9', light: 'yellow', label: 'I høj grad opfyldt' });
  });

  it('reads a shown value halfway between two levels as the higher one, whatever the decimals behind it', () => {
    for (const x of [3.45, 3.46, 3.5, 3.54])
      expect(judge(SOCIALTILSYN, x)).toMatchObject({ scoreText: '3,5', label: 'I høj grad opfyldt' });
  });

  it('leaves nothing scored as nothing', () => {
    expect(judge(SOCIALTILSYN, null)).toBeNull();
  });

  it('writes the legend in shown values from the same thresholds', () => {
    expect(lightLegend(SOCIALTILSYN).map((l) => `${l.label}: ${l.range}`)).toEqual([
      'Grøn: 4,0–5,0',
      'Gul: 3,0–3,9',
      'Rød: 1,0–2,9',
    ]);
    expect(lightLegend(REGIONAL).map((l) => `${l.label}: ${l.range}`)).toEqual([
      'Grøn: 2,5–3,0',
      'Gul: 1,5–2,4',
      'Rød: 1,0–1,4',
    ]);
  });

  it('agrees with its own legend for every shown value', () => {
    fc.assert(
      fc.property(anyModel, fc.integer({ min: 10, max: 50 }), (model, tenths) => {
        const j = judge(model, tenths / 10)!;
        const row = lightLegend(model).find((l) => l.light === j.light)!;
        const [from, to] = row.range.split('–').map(read);
        expect(j.score).toBeGreaterThanOrEqual(from);
        expect(j.score).toBeLessThanOrEqual(to);
      }),
    );
  });
});
