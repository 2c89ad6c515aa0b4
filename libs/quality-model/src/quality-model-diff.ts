import type { CriterionDoc, IndicatorDoc, QualityModelDocument, StandardDoc } from './catalogue-format.js';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface NodeChanges<T> {
  added: T[];
  removed: T[];
  changed: { code: string; changes: FieldChange[] }[];
}

/** What changed between two versions, matched by code; a move shows as a changed `standard`/`criterion`. */
export interface QualityModelDiff {
  settings: FieldChange[];
  standards: NodeChanges<Omit<StandardDoc, 'criteria' | 'indicators'>>;
  criteria: NodeChanges<Omit<CriterionDoc, 'indicators'> & { standard: string }>;
  indicators: NodeChanges<IndicatorDoc & { standard: string; criterion: string | null }>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges<T extends object>(from: T, to: T): FieldChange[] {
  return (Object.keys(to) as (keyof T & string)[])
    .filter((k) => !same(from[k], to[k]))
    .map((field) => ({ field, from: from[field], to: to[field] }));
}

function compare<T extends { code: string }>(from: T[], to: T[]): NodeChanges<T> {
  const before = new Map(from.map((n) => [n.code, n]));
  const after = new Map(to.map((n) => [n.code, n]));
  return {
    added: to.filter((n) => !before.has(n.code)),
    removed: from.filter((n) => !after.has(n.code)),
    changed: to.flatMap((n) => {
      const old = before.get(n.code);
      const changes = old ? fieldChanges(old, n) : [];
      return changes.length ? [{ code: n.code, changes }] : [];
    }),
  };
}

function flatten(d: QualityModelDocument) {
  const standards = d.standards.map(({ criteria: _c, indicators: _i, ...s }) => s);
  const criteria = d.standards.flatMap((s) =>
    s.criteria.map(({ indicators: _i, ...c }) => ({ ...c, standard: s.code })),
  );
  const indicators = d.standards.flatMap((s) => [
    ...s.indicators.map((i) => ({ ...i, standard: s.code, criterion: null })),
    ...s.criteria.flatMap((c) =>
      c.indicators.map((i) => ({ ...i, standard: s.code, criterion: c.code as string | null })),
    ),
  ]);
  return { standards, criteria, indicators };
}

export function diffDocuments(from: QualityModelDocument, to: QualityModelDocument): QualityModelDiff {
  const { standards: _a, ...fromSettings } = from;
  const { standards: _b, ...toSettings } = to;
  const a = flatten(from);
  const b = flatten(to);
  return {
    settings: fieldChanges(fromSettings, toSettings),
    standards: compare(a.standards, b.standards),
    criteria: compare(a.criteria, b.criteria),
    indicators: compare(a.indicators, b.indicators),
  };
}

export const isEmptyDiff = (d: QualityModelDiff) =>
  !d.settings.length &&
  [d.standards, d.criteria, d.indicators].every((n) => !n.added.length && !n.removed.length && !n.changed.length);
