import {
  EVIDENCE_SOURCES,
  type EvidenceSource,
  INDICATOR_KINDS,
  type IndicatorKind,
  ROLLUP_METHODS,
  type RollupMethod,
} from './vocabulary.js';

/**
 * The catalogue file format (YAML or JSON, same shape) and its validation. The same readers check
 * an imported file and a single node edited on a page, so a rule lives in one place.
 */
export const CATALOGUE_FORMAT = 'tilsyn-kvalitetsmodel/1';

export interface ScaleLevel {
  value: number;
  label: string;
  meaning: string;
}

export interface Scale {
  note: string;
  levels: ScaleLevel[];
}

/** Green from `green` up, yellow from `yellow` up, red below (scores on the scale's values). */
export interface TrafficLight {
  green: number;
  yellow: number;
}

/**
 * How a level's score is formed from its children's scores. `capped` takes `base` and then limits
 * it: to at most the lowest child + `maxAboveMinimum`, and/or to `cap.max` when any child is at or
 * below `cap.whenAnyAtOrBelow` (the CQC-style "one inadequate caps the whole" rule).
 */
export interface RollupRule {
  method: RollupMethod;
  base?: 'mean' | 'weighted';
  maxAboveMinimum?: number;
  cap?: { whenAnyAtOrBelow: number; max: number };
}

export interface Rollup {
  criterion: RollupRule;
  standard: RollupRule;
  overall: RollupRule;
}

export interface IndicatorDoc {
  code: string;
  text: string;
  guidance: string;
  kind: IndicatorKind | null;
  evidence: EvidenceSource[];
  /** Codes from the facility register (facility_type.code); empty means every type. */
  facilityTypes: string[];
  weight: number;
  note: string;
}

export interface CriterionDoc {
  code: string;
  text: string;
  guidance: string;
  weight: number;
  note: string;
  indicators: IndicatorDoc[];
}

/** A standard (regional model) or theme (socialtilsyn); it holds criteria or indicators, not both. */
export interface StandardDoc {
  code: string;
  title: string;
  category: string;
  purpose: string;
  guidance: string;
  weight: number;
  note: string;
  criteria: CriterionDoc[];
  indicators: IndicatorDoc[];
}

/** The content of one model version, without ids or lifecycle: what a file holds. */
export interface QualityModelDocument {
  format: typeof CATALOGUE_FORMAT;
  key: string;
  name: string;
  description: string;
  note: string;
  standardLabel: string;
  scale: Scale;
  trafficLight: TrafficLight;
  /** A rating at or below this needs a written justification (the lowest level not yet acceptable). */
  justifyAtOrBelow: number;
  rollup: Rollup;
  standards: StandardDoc[];
}

export type Path = (string | number)[];

export interface CatalogueIssue {
  path: Path;
  rule: string;
  message: string;
}

/** `['standards', 2, 'indicators', 0, 'kind']` → `standards[2].indicators[0].kind` */
export function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODE = /^[A-Za-z0-9ÆØÅæøå]([A-Za-z0-9ÆØÅæøå.-]*[A-Za-z0-9ÆØÅæøå])?$/;
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What a file may refer to outside itself: the facility types the register knows. */
export interface CatalogueContext {
  facilityTypes: readonly string[];
}

/** Collects every problem instead of stopping at the first: a file is judged whole. */
export class CatalogueReader {
  readonly issues: CatalogueIssue[] = [];

  constructor(readonly context: CatalogueContext) {}

  fail(path: Path, rule: string, message: string): void {
    this.issues.push({ path, rule, message });
  }

  /** A mapping with only `allowed` keys; anything else is reported. */
  object(value: unknown, path: Path, allowed: readonly string[]): Obj | undefined {
    if (!isObj(value)) {
      this.fail(path, 'type', 'skal være et sæt af felter (navn: værdi)');
      return undefined;
    }
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) this.fail([...path, key], 'unknownField', 'er ikke et tilladt felt');
    return value;
  }

  text(o: Obj, key: string, path: Path, opts: { required?: boolean; max: number; pattern?: [RegExp, string] }): string {
    const v = o[key];
    const at = [...path, key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.fail(at, 'required', 'skal udfyldes');
      return '';
    }
    if (typeof v !== 'string') {
      const hint = typeof v === 'number' ? ` – sæt værdien i anførselstegn, fx "${v}"` : '';
      this.fail(at, 'type', `skal være tekst${hint}`);
      return '';
    }
    const s = v.trim();
    if (opts.required && !s) this.fail(at, 'required', 'skal udfyldes');
    if (s.length > opts.max) this.fail(at, 'maxLength', `må højst være ${opts.max} tegn`);
    if (opts.pattern && s && !opts.pattern[0].test(s)) this.fail(at, 'pattern', opts.pattern[1]);
    return s;
  }

  number(
    o: Obj,
    key: string,
    path: Path,
    opts: { required?: boolean; fallback?: number; min?: number; above?: number },
  ): number {
    const v = o[key];
    const at = [...path, key];
    if (v === undefined || v === null || v === '') {
      if (opts.required) this.fail(at, 'required', 'skal udfyldes');
      return opts.fallback ?? 0;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(at, 'type', 'skal være et tal');
      return opts.fallback ?? 0;
    }
    if (opts.min !== undefined && v < opts.min) this.fail(at, 'min', `skal være mindst ${opts.min}`);
    if (opts.above !== undefined && v <= opts.above) this.fail(at, 'min', `skal være større end ${opts.above}`);
    return v;
  }

  list(o: Obj, key: string, path: Path, required = false): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail([...path, key], 'required', 'skal udfyldes');
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail([...path, key], 'type', 'skal være en liste');
      return [];
    }
    return v;
  }

  oneOf<T extends string>(v: unknown, path: Path, allowed: readonly T[]): T | undefined {
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(path, 'enum', `skal være en af: ${allowed.join(', ')}`);
    return undefined;
  }

  /** A list of distinct values from `allowed`. */
  setOf<T extends string>(o: Obj, key: string, path: Path, allowed: readonly T[]): T[] {
    const out: T[] = [];
    this.list(o, key, path).forEach((v, i) => {
      const at = [...path, key, i];
      const ok = this.oneOf(v, at, allowed);
      if (!ok) return;
      if (out.includes(ok)) this.fail(at, 'unique', `"${ok}" står der allerede`);
      else out.push(ok);
    });
    return out;
  }

  code(o: Obj, path: Path): string {
    return this.text(o, 'code', path, {
      required: true,
      max: 20,
      pattern: [CODE, 'må kun indeholde bogstaver, tal, punktum og bindestreg'],
    });
  }
}

const INDICATOR_FIELDS = ['code', 'text', 'guidance', 'kind', 'evidence', 'facilityTypes', 'weight', 'note'] as const;
const CRITERION_FIELDS = ['code', 'text', 'guidance', 'weight', 'note', 'indicators'] as const;
const STANDARD_FIELDS = [
  'code',
  'title',
  'category',
  'purpose',
  'guidance',
  'weight',
  'note',
  'criteria',
  'indicators',
] as const;

/** The fields a user edits on one node (children are edited separately). */
export const EDITABLE_FIELDS = {
  standard: STANDARD_FIELDS.filter((f) => f !== 'criteria' && f !== 'indicators'),
  criterion: CRITERION_FIELDS.filter((f) => f !== 'indicators'),
  indicator: [...INDICATOR_FIELDS],
} as const;
export type NodeKind = keyof typeof EDITABLE_FIELDS;

export function readIndicator(r: CatalogueReader, value: unknown, path: Path): IndicatorDoc {
  const o = r.object(value, path, INDICATOR_FIELDS) ?? {};
  return {
    code: r.code(o, path),
    text: r.text(o, 'text', path, { required: true, max: 2000 }),
    guidance: r.text(o, 'guidance', path, { max: 4000 }),
    kind:
      o.kind === undefined || o.kind === null || o.kind === ''
        ? null
        : (r.oneOf(o.kind, [...path, 'kind'], INDICATOR_KINDS) ?? null),
    evidence: r.setOf(o, 'evidence', path, EVIDENCE_SOURCES),
    facilityTypes: r.setOf(o, 'facilityTypes', path, r.context.facilityTypes),
    weight: r.number(o, 'weight', path, { fallback: 1, above: 0 }),
    note: r.text(o, 'note', path, { max: 2000 }),
  };
}

export function readCriterion(r: CatalogueReader, value: unknown, path: Path, withChildren = true): CriterionDoc {
  const o = r.object(value, path, withChildren ? CRITERION_FIELDS : EDITABLE_FIELDS.criterion) ?? {};
  return {
    code: r.code(o, path),
    text: r.text(o, 'text', path, { required: true, max: 2000 }),
    guidance: r.text(o, 'guidance', path, { max: 4000 }),
    weight: r.number(o, 'weight', path, { fallback: 1, above: 0 }),
    note: r.text(o, 'note', path, { max: 2000 }),
    indicators: withChildren
      ? r.list(o, 'indicators', path).map((v, i) => readIndicator(r, v, [...path, 'indicators', i]))
      : [],
  };
}

export function readStandard(r: CatalogueReader, value: unknown, path: Path, withChildren = true): StandardDoc {
  const o = r.object(value, path, withChildren ? STANDARD_FIELDS : EDITABLE_FIELDS.standard) ?? {};
  const s: StandardDoc = {
    code: r.code(o, path),
    title: r.text(o, 'title', path, { required: true, max: 200 }),
    category: r.text(o, 'category', path, { max: 100 }),
    purpose: r.text(o, 'purpose', path, { max: 4000 }),
    guidance: r.text(o, 'guidance', path, { max: 4000 }),
    weight: r.number(o, 'weight', path, { fallback: 1, above: 0 }),
    note: r.text(o, 'note', path, { max: 2000 }),
    criteria: withChildren
      ? r.list(o, 'criteria', path).map((v, i) => readCriterion(r, v, [...path, 'criteria', i]))
      : [],
    indicators: withChildren
      ? r.list(o, 'indicators', path).map((v, i) => readIndicator(r, v, [...path, 'indicators', i]))
      : [],
  };
  if (s.criteria.length && s.indicators.length) {
    r.fail(
      [...path, 'indicators'],
      'exclusive',
      'en standard har enten kriterier med indikatorer eller indikatorer direkte, ikke begge dele',
    );
  }
  return s;
}

/** Reads one node as edited on its own (no children); used by the draft editor. */
export function readNode(
  r: CatalogueReader,
  kind: NodeKind,
  value: unknown,
): StandardDoc | CriterionDoc | IndicatorDoc {
  if (kind === 'standard') return readStandard(r, value, [], false);
  if (kind === 'criterion') return readCriterion(r, value, [], false);
  return readIndicator(r, value, []);
}

export function readScale(r: CatalogueReader, value: unknown, path: Path): Scale {
  const o = r.object(value, path, ['note', 'levels']) ?? {};
  const levels = r.list(o, 'levels', path, true).map((v, i) => {
    const at = [...path, 'levels', i];
    const l = r.object(v, at, ['value', 'label', 'meaning']) ?? {};
    return {
      value: r.number(l, 'value', at, { required: true }),
      label: r.text(l, 'label', at, { required: true, max: 100 }),
      meaning: r.text(l, 'meaning', at, { max: 1000 }),
    };
  });
  if (Array.isArray(o.levels) && levels.length < 2) r.fail([...path, 'levels'], 'minItems', 'skal have mindst 2 trin');
  levels.forEach((l, i) => {
    if (levels.findIndex((m) => m.value === l.value) < i)
      r.fail([...path, 'levels', i, 'value'], 'unique', `værdien ${l.value} står der allerede`);
    if (l.label && levels.findIndex((m) => m.label === l.label) < i)
      r.fail([...path, 'levels', i, 'label'], 'unique', `"${l.label}" står der allerede`);
  });
  return { note: r.text(o, 'note', path, { max: 2000 }), levels };
}

/** Checks a figure against the scale, unless it is already reported (missing or not a number). */
function inScale(r: CatalogueReader, v: number, path: Path, scale: Scale) {
  const values = scale.levels.map((l) => l.value);
  const at = formatPath(path);
  if (!values.length || r.issues.some((i) => formatPath(i.path) === at)) return;
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  if (v < lo || v > hi) r.fail(path, 'range', `skal ligge mellem ${lo} og ${hi} (skalaens værdier)`);
}

export function readTrafficLight(r: CatalogueReader, value: unknown, path: Path, scale: Scale): TrafficLight {
  const o = r.object(value, path, ['green', 'yellow']) ?? {};
  const t = {
    green: r.number(o, 'green', path, { required: true }),
    yellow: r.number(o, 'yellow', path, { required: true }),
  };
  if (typeof o.green === 'number' && typeof o.yellow === 'number') {
    inScale(r, t.green, [...path, 'green'], scale);
    inScale(r, t.yellow, [...path, 'yellow'], scale);
    if (t.green <= t.yellow) r.fail([...path, 'green'], 'order', 'grøn skal kræve en højere score end gul');
  }
  return t;
}

/** Optional: by default every level below yellow needs a justification (none below: only "Ikke relevant"). */
export function readJustifyAtOrBelow(r: CatalogueReader, value: unknown, light: TrafficLight, scale: Scale): number {
  const values = scale.levels.map((l) => l.value);
  const below = values.filter((v) => v < light.yellow);
  const fallback = below.length ? Math.max(...below) : Math.min(...values) - 1;
  const v = r.number({ justifyAtOrBelow: value }, 'justifyAtOrBelow', [], { fallback });
  if (value !== undefined && value !== null && value !== '') inScale(r, v, ['justifyAtOrBelow'], scale);
  return v;
}

function readRollupRule(r: CatalogueReader, value: unknown, path: Path, scale: Scale): RollupRule {
  if (value === undefined || value === null) return { method: 'mean' };
  const o = r.object(value, path, ['method', 'base', 'maxAboveMinimum', 'cap']) ?? {};
  const method = r.oneOf(o.method, [...path, 'method'], ROLLUP_METHODS) ?? 'mean';
  if (method !== 'capped') {
    for (const extra of ['base', 'maxAboveMinimum', 'cap']) {
      if (o[extra] !== undefined) r.fail([...path, extra], 'unknownField', 'bruges kun med method: capped');
    }
    return { method };
  }
  const rule: RollupRule = {
    method,
    base: o.base === undefined ? 'mean' : (r.oneOf(o.base, [...path, 'base'], ['mean', 'weighted'] as const) ?? 'mean'),
  };
  if (o.maxAboveMinimum !== undefined) rule.maxAboveMinimum = r.number(o, 'maxAboveMinimum', path, { min: 0 });
  if (o.cap !== undefined) {
    const at = [...path, 'cap'];
    const c = r.object(o.cap, at, ['whenAnyAtOrBelow', 'max']) ?? {};
    rule.cap = {
      whenAnyAtOrBelow: r.number(c, 'whenAnyAtOrBelow', at, { required: true }),
      max: r.number(c, 'max', at, { required: true }),
    };
    inScale(r, rule.cap.whenAnyAtOrBelow, [...at, 'whenAnyAtOrBelow'], scale);
    inScale(r, rule.cap.max, [...at, 'max'], scale);
  }
  if (rule.maxAboveMinimum === undefined && !rule.cap)
    r.fail(path, 'required', 'et loft kræver maxAboveMinimum eller cap');
  return rule;
}

export function readRollup(r: CatalogueReader, value: unknown, path: Path, scale: Scale): Rollup {
  const o = value === undefined ? {} : (r.object(value, path, ['criterion', 'standard', 'overall']) ?? {});
  return {
    criterion: readRollupRule(r, o.criterion, [...path, 'criterion'], scale),
    standard: readRollupRule(r, o.standard, [...path, 'standard'], scale),
    overall: readRollupRule(r, o.overall, [...path, 'overall'], scale),
  };
}

/** Codes must be unique per level within a version: the diff and later score imports match on them. */
function checkUniqueCodes(r: CatalogueReader, doc: QualityModelDocument) {
  const seen = {
    standard: new Map<string, Path>(),
    criterion: new Map<string, Path>(),
    indicator: new Map<string, Path>(),
  };
  const check = (kind: keyof typeof seen, code: string, path: Path) => {
    if (!code) return;
    const first = seen[kind].get(code);
    if (first) r.fail([...path, 'code'], 'unique', `koden "${code}" er allerede brugt i ${formatPath(first)}`);
    else seen[kind].set(code, path);
  };
  doc.standards.forEach((s, i) => {
    const sp: Path = ['standards', i];
    check('standard', s.code, sp);
    s.indicators.forEach((ind, j) => {
      check('indicator', ind.code, [...sp, 'indicators', j]);
    });
    s.criteria.forEach((c, j) => {
      const cp: Path = [...sp, 'criteria', j];
      check('criterion', c.code, cp);
      c.indicators.forEach((ind, k) => {
        check('indicator', ind.code, [...cp, 'indicators', k]);
      });
    });
  });
}

const DOCUMENT_FIELDS = [
  'format',
  'key',
  'name',
  'description',
  'note',
  'standardLabel',
  'scale',
  'trafficLight',
  'justifyAtOrBelow',
  'rollup',
  'standards',
];

/** Validates a parsed file. Either a complete document or every issue found. */
export function readDocument(
  value: unknown,
  context: CatalogueContext,
): { document?: QualityModelDocument; issues: CatalogueIssue[] } {
  const r = new CatalogueReader(context);
  const o = r.object(value, [], DOCUMENT_FIELDS);
  if (!o) return { issues: r.issues };
  if (o.format !== CATALOGUE_FORMAT) r.fail(['format'], 'format', `skal være "${CATALOGUE_FORMAT}"`);
  const scale = readScale(r, o.scale, ['scale']);
  const trafficLight = readTrafficLight(r, o.trafficLight, ['trafficLight'], scale);
  const document: QualityModelDocument = {
    format: CATALOGUE_FORMAT,
    key: r.text(o, 'key', [], {
      required: true,
      max: 60,
      pattern: [KEY, 'må kun indeholde små bogstaver a–z, tal og bindestreg, fx "socialtilsyn"'],
    }),
    name: r.text(o, 'name', [], { required: true, max: 200 }),
    description: r.text(o, 'description', [], { max: 4000 }),
    note: r.text(o, 'note', [], { max: 4000 }),
    standardLabel: r.text(o, 'standardLabel', [], { max: 40 }) || 'Standard',
    scale,
    trafficLight,
    justifyAtOrBelow: readJustifyAtOrBelow(r, o.justifyAtOrBelow, trafficLight, scale),
    rollup: readRollup(r, o.rollup, ['rollup'], scale),
    standards: r.list(o, 'standards', [], true).map((v, i) => readStandard(r, v, ['standards', i])),
  };
  checkUniqueCodes(r, document);
  return r.issues.length ? { issues: r.issues } : { document, issues: [] };
}

/** What publishing needs beyond a valid file: every standard and criterion has indicators to score. */
export function completenessIssues(doc: QualityModelDocument): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  if (!doc.standards.length)
    issues.push({ path: ['standards'], rule: 'minItems', message: 'modellen har ingen standarder' });
  doc.standards.forEach((s, i) => {
    if (!s.criteria.length && !s.indicators.length) {
      issues.push({ path: ['standards', i], rule: 'minItems', message: `${s.code} ${s.title} har ingen indikatorer` });
    }
    s.criteria.forEach((c, j) => {
      if (!c.indicators.length)
        issues.push({
          path: ['standards', i, 'criteria', j],
          rule: 'minItems',
          message: `${c.code} har ingen indikatorer`,
        });
    });
  });
  return issues;
}
