import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  CatalogueFileInvalidError,
  parseCatalogue,
  serializeCatalogue,
} from '../../libs/quality-model/src/catalogue-file.js';
import { trafficLight } from '../../libs/quality-model/src/judgement.js';
import { diffDocuments, isEmptyDiff } from '../../libs/quality-model/src/quality-model-diff.js';
import { rollUp } from '../../libs/quality-model/src/rollup.js';
import { SHIPPED_CATALOGUES } from '../../libs/quality-model/src/shipped-catalogues.js';

const shipped = (file: string) => readFileSync(file, 'utf8');
const context = { facilityTypes: ['sel-85', 'sel-103', 'sel-104', 'sel-107', 'sel-108', 'abl-105'] };
const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CatalogueFileInvalidError)
      return e.errors as { field: string; rule: string; message: string; line?: number }[];
    throw e;
  }
  throw new Error('expected the file to be refused');
};

describe('the shipped catalogues', () => {
  const regional = parseCatalogue(shipped(SHIPPED_CATALOGUES[0]), 'yaml', context);
  const socialtilsyn = parseCatalogue(shipped(SHIPPED_CATALOGUES[1]), 'yaml', context);

  it('hold the regional standards, each worked through in the four steps', () => {
    expect(regional.standards.map((s) => `${s.code} ${s.title}`)).toEqual([
      '1.1 Kommunikation',
      '1.2 Indflydelse på eget liv',
      '1.3 Individuelle planer',
      '1.4 Medicinhåndtering',
      '1.5 Magtanvendelse',
      '1.6 Utilsigtede hændelser',
      '2.1 Kompetenceudvikling',
      '2.2 Arbejdsmiljø',
      '2.3 Ledelse',
    ]);
    for (const s of regional.standards)
      expect(s.indicators.map((i) => i.kind)).toEqual(['guideline', 'practice', 'monitoring', 'improvement']);
    expect(regional.scale.note).toMatch(/Antagelse/);
  });

  it('hold the socialtilsyn model: 7 themes, K1–K11, rated 1–5', () => {
    expect(socialtilsyn.standards).toHaveLength(7);
    expect(socialtilsyn.standards.flatMap((s) => s.criteria.map((c) => c.code))).toEqual(
      Array.from({ length: 11 }, (_, i) => `K${i + 1}`),
    );
    const codes = socialtilsyn.standards.flatMap((s) => s.criteria.flatMap((c) => c.indicators.map((i) => i.code)));
    expect(codes).toEqual(
      expect.arrayContaining(['1a', '1b', '2a', '2b', '2c', '2d', '4a', '4b', '10a', '10b', '11a', '11b', '11c']),
    );
    expect(socialtilsyn.scale.levels.map((l) => `${l.value} ${l.label}`)).toEqual([
      '5 I meget høj grad opfyldt',
      '4 I høj grad opfyldt',
      '3 I middel grad opfyldt',
      '2 I lav grad opfyldt',
      '1 I meget lav grad opfyldt',
    ]);
  });

  it('round-trip through YAML and JSON to the same bytes', () => {
    for (const doc of [regional, socialtilsyn]) {
      const yaml = serializeCatalogue(doc, 'yaml');
      expect(serializeCatalogue(parseCatalogue(yaml, 'yaml', context), 'yaml')).toBe(yaml);
      const json = serializeCatalogue(doc, 'json');
      expect(parseCatalogue(json, 'json', context)).toEqual(doc);
      expect(serializeCatalogue(parseCatalogue(json, 'json', context), 'json')).toBe(json);
    }
  });
});

describe('a bad file', () => {
  const bad = `format: tilsyn-kvalitetsmodel/1
key: Ugyldig Nøgle
name: Prøve
scale:
  levels:
    - value: 1
      label: Lav
    - value: 1
      label: Lav
trafficLight:
  green: 0
  yellow: 1
rollup:
  standard:
    method: median
standards:
  - code: 1.1
    title: Kommunikation
    indicators:
      - code: A
        text: Første
        kind: trin1
        evidence: [documentation, telepati]
        facilityTypes: [sel-999]
      - code: A
        text: ""
        colour: rød
  - code: X
    criteria:
      - code: K1
        text: Et kriterium
    indicators:
      - code: B
        text: Direkte
`;

  it('is refused whole with every error named by path, rule and line', () => {
    const errors = errorsOf(() => parseCatalogue(bad, 'yaml', context));
    const at = (field: string) => errors.filter((e) => e.field === field);
    expect(at('key')[0]).toMatchObject({ rule: 'pattern', line: 2 });
    expect(at('scale.levels[1].value')[0]).toMatchObject({ rule: 'unique', line: 8 });
    expect(at('scale.levels[1].label')[0]).toMatchObject({ rule: 'unique', line: 9 });
    expect(
      at('trafficLight.green')
        .map((e) => e.rule)
        .sort(),
    ).toEqual(['order', 'range']);
    expect(at('rollup.standard.method')[0]).toMatchObject({ rule: 'enum', line: 15 });
    expect(at('standards[0].code')[0]).toMatchObject({
      rule: 'type',
      message: 'skal være tekst – sæt værdien i anførselstegn, fx "1.1"',
      line: 17,
    });
    expect(at('standards[0].indicators[0].kind')[0]).toMatchObject({ rule: 'enum', line: 22 });
    expect(at('standards[0].indicators[0].evidence[1]')[0]).toMatchObject({ rule: 'enum', line: 23 });
    expect(at('standards[0].indicators[0].facilityTypes[0]')[0]).toMatchObject({ rule: 'enum', line: 24 });
    expect(at('standards[0].indicators[1].code')[0]).toMatchObject({
      rule: 'unique',
      message: 'koden "A" er allerede brugt i standards[0].indicators[0]',
    });
    expect(at('standards[0].indicators[1].text')[0]).toMatchObject({ rule: 'required', line: 26 });
    expect(at('standards[0].indicators[1].colour')[0]).toMatchObject({ rule: 'unknownField', line: 27 });
    expect(at('standards[1].title')[0]).toMatchObject({ rule: 'required', line: 28 });
    expect(at('standards[1].indicators')[0]).toMatchObject({ rule: 'exclusive' });
    expect(errors.length).toBeGreaterThanOrEqual(15);
  });

  it('reports YAML and JSON syntax errors with their line', () => {
    expect(errorsOf(() => parseCatalogue('key: a\nkey: b\n', 'yaml', context))[0]).toMatchObject({
      rule: 'syntax',
      line: 2,
    });
    expect(errorsOf(() => parseCatalogue('{\n  "key": "a",\n  oops\n}', 'json', context))[0]).toMatchObject({
      rule: 'syntax',
      line: 3,
    });
    expect(errorsOf(() => parseCatalogue('- a\n- b\n', 'yaml', context))[0]).toMatchObject({
      field: '(filen)',
      rule: 'type',
    });
  });

  it('refuses a NUL that an escape makes (YAML \\0, JSON \\u0000), naming where', () => {
    const file = shipped(SHIPPED_CATALOGUES[1]);
    const yaml = file.replace(/^name: .*$/m, 'name: "Socialtilsyn\\0"');
    expect(errorsOf(() => parseCatalogue(yaml, 'yaml', context))).toEqual([
      expect.objectContaining({ field: 'name', rule: 'noNul' }),
    ]);
    const json = JSON.stringify({ ...parseCatalogue(file, 'yaml', context), key: 'a\u0000' });
    expect(errorsOf(() => parseCatalogue(json, 'json', context))).toEqual([
      expect.objectContaining({ field: 'key', rule: 'noNul' }),
    ]);
  });
});

describe('roll-up rules', () => {
  const c = (...scores: (number | null)[]) => scores.map((score) => ({ score, weight: 1 }));

  it('average, take the lowest, weigh, and leave out unscored children', () => {
    expect(rollUp({ method: 'mean' }, c(5, 3, null))).toBe(4);
    expect(rollUp({ method: 'minimum' }, c(5, 3, 4))).toBe(3);
    expect(
      rollUp({ method: 'weighted' }, [
        { score: 5, weight: 3 },
        { score: 1, weight: 1 },
      ]),
    ).toBe(4);
    expect(rollUp({ method: 'mean' }, c(null, null))).toBeNull();
  });

  it('cap a level at the lowest child plus a margin, or at a fixed value when a child is very low', () => {
    expect(rollUp({ method: 'capped', base: 'mean', maxAboveMinimum: 1 }, c(5, 5, 2))).toBe(3);
    expect(rollUp({ method: 'capped', base: 'mean', cap: { whenAnyAtOrBelow: 1, max: 2 } }, c(5, 5, 5, 1))).toBe(2);
    expect(rollUp({ method: 'capped', base: 'mean', cap: { whenAnyAtOrBelow: 1, max: 2 } }, c(5, 3))).toBe(4);
  });

  it('colour a score by the model thresholds', () => {
    expect([4.2, 3, 2.9].map((s) => trafficLight({ green: 4, yellow: 3 }, s))).toEqual(['green', 'yellow', 'red']);
  });
});

describe('the diff between two versions', () => {
  it('lists added, removed and changed indicators by code with field-level changes', () => {
    const before = parseCatalogue(shipped(SHIPPED_CATALOGUES[1]), 'yaml', context);
    const after = structuredClone(before);
    const k1 = after.standards[0].criteria[0];
    k1.indicators[0].text = 'Ny formulering';
    k1.indicators.pop();
    k1.indicators.push({ ...k1.indicators[0], code: '1x', text: 'Helt ny' });
    after.standards[1].criteria[0].indicators[0].evidence = ['observation'];
    after.trafficLight = { green: 4.5, yellow: 3 };

    const diff = diffDocuments(before, after);
    expect(diff.indicators.added.map((i) => i.code)).toEqual(['1x']);
    expect(diff.indicators.removed.map((i) => i.code)).toEqual(['1c']);
    expect(diff.indicators.changed).toEqual([
      {
        code: '1a',
        changes: [{ field: 'text', from: before.standards[0].criteria[0].indicators[0].text, to: 'Ny formulering' }],
      },
      {
        code: '2a',
        changes: [
          { field: 'evidence', from: ['documentation', 'interview_resident', 'interview_staff'], to: ['observation'] },
        ],
      },
    ]);
    expect(diff.settings).toEqual([
      { field: 'trafficLight', from: { green: 4, yellow: 3 }, to: { green: 4.5, yellow: 3 } },
    ]);
    expect(isEmptyDiff(diffDocuments(before, before))).toBe(true);
  });
});
