import { InvalidInputError } from '#libs/core';
import { EDITABLE_FIELDS, type NodeKind } from './catalogue-format.js';
import type { QualityModelTree } from './quality-model.dto.js';
import { type FieldChange, isEmptyDiff, type QualityModelDiff } from './quality-model-diff.js';
import { filterTree } from './quality-model-search.js';
import { rollupLabels, rollupRows } from './rollup-form.js';
import {
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  INDICATOR_KIND_LABELS,
  INDICATOR_KINDS,
  VERSION_STATUS_LABELS,
} from './vocabulary.js';

/** The quality-model pages' views: plain functions from the model to what the templates show. */

export const QUALITY_MODELS_PATH = '/kvalitetsmodeller';
export type Form = Record<string, unknown>;

type Version = { id: string; status: keyof typeof VERSION_STATUS_LABELS };

/**
 * A version's page: its tree filtered by the search `q`, with Danish labels; `canManage` (region
 * staff) may edit a draft and compare with the other versions listed.
 */
export function modelView<V extends Version>(
  tree: QualityModelTree,
  versions: V[],
  facilityTypes: { code: string; name: string }[],
  canManage: boolean,
  q?: string,
) {
  const typeName = new Map(facilityTypes.map((t) => [t.code, t.name]));
  const editable = canManage && tree.status === 'draft';
  const indicatorRows = (indicators: QualityModelTree['standards'][number]['indicators']) =>
    indicators.map((i) => ({
      ...i,
      kindLabel: i.kind ? INDICATOR_KIND_LABELS[i.kind] : '',
      evidenceLabels: i.evidence.map((e) => EVIDENCE_SOURCE_LABELS[e]).join(', '),
      typeLabels: i.facilityTypes.map((c) => typeName.get(c) ?? c).join(', '),
    }));
  const shown = filterTree(tree, q);
  return {
    model: { ...tree, statusLabel: VERSION_STATUS_LABELS[tree.status] },
    rollup: rollupRows(tree),
    standards: shown.standards.map((s) => ({
      ...s,
      indicators: indicatorRows(s.indicators),
      criteria: s.criteria.map((c) => ({ ...c, indicators: indicatorRows(c.indicators) })),
      canAddCriterion: editable && !s.indicators.length,
      canAddIndicator: editable && !s.criteria.length,
    })),
    q,
    editable,
    canManage,
    others: versions
      .filter((v) => v.id !== tree.id)
      .map((v) => ({ ...v, statusLabel: VERSION_STATUS_LABELS[v.status] })),
  };
}

/** The settings form's fields as the error summary names them. */
export const settingsLabels = (tree: QualityModelTree) => ({
  name: 'Navn',
  standardLabel: 'Det øverste niveau kaldes',
  description: 'Beskrivelse',
  note: 'Note',
  'trafficLight.green': 'Grøn fra og med',
  'trafficLight.yellow': 'Gul fra og med',
  ...rollupLabels(tree),
});

/** URL segments and Danish names of the three node kinds. */
const KINDS: Record<string, { kind: NodeKind; one: string }> = {
  standarder: { kind: 'standard', one: 'standard' },
  kriterier: { kind: 'criterion', one: 'kriterium' },
  indikatorer: { kind: 'indicator', one: 'indikator' },
};

export type NodeKindSegment = { kind: NodeKind; one: string; segment: string };

export function kindOf(segment: string): NodeKindSegment {
  const k = KINDS[segment];
  if (!k)
    throw new InvalidInputError('Ukendt type', [
      { field: 'kind', rule: 'isIn', message: 'skal være standarder, kriterier eller indikatorer' },
    ]);
  return { ...k, segment };
}

export const list = (v: unknown): string[] =>
  v === undefined || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** A submitted form as the catalogue fields of one node: numbers, lists and "no kind" made explicit. */
export function fromForm(kind: NodeKind, body: Form): Form {
  const out: Form = {};
  for (const field of EDITABLE_FIELDS[kind]) {
    const v = body[field];
    if (field === 'evidence' || field === 'facilityTypes') out[field] = list(v);
    else if (field === 'weight')
      out[field] =
        v === undefined || v === ''
          ? undefined
          : /^\s*\d+([.,]\d+)?\s*$/.test(String(v))
            ? Number(String(v).replace(',', '.'))
            : v;
    else if (field === 'kind') out[field] = v || null;
    else out[field] = typeof v === 'string' ? v : undefined;
  }
  return out;
}

export const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '–'
    : Array.isArray(v)
      ? v.join(', ') || '–'
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
export const changeRows = (code: string, changes: FieldChange[]) =>
  changes.map((c, i) => ({ code: i === 0 ? code : '', field: c.field, from: show(c.from), to: show(c.to) }));

export function findNode(tree: QualityModelTree, kind: NodeKind, id: string): Form | undefined {
  const criteria = tree.standards.flatMap((s) => s.criteria);
  const indicators = [...tree.standards.flatMap((s) => s.indicators), ...criteria.flatMap((c) => c.indicators)];
  const pool: { id: string }[] = kind === 'standard' ? tree.standards : kind === 'criterion' ? criteria : indicators;
  return pool.find((n) => n.id === id) as Form | undefined;
}

/** The comparison of two versions: settings, then standards, criteria and indicators added, removed and changed. */
export function diffView(from: { standardLabel: string }, to: { standardLabel: string }, diff: QualityModelDiff) {
  const section = <T extends { code: string }>(
    title: string,
    changes: { added: T[]; removed: T[]; changed: { code: string; changes: FieldChange[] }[] },
    name: (n: T) => string,
  ) => ({
    title,
    added: changes.added.map((n) => `${n.code} ${name(n)}`),
    removed: changes.removed.map((n) => `${n.code} ${name(n)}`),
    changed: changes.changed.flatMap((c) => changeRows(c.code, c.changes)),
    empty: !changes.added.length && !changes.removed.length && !changes.changed.length,
  });
  return {
    from,
    to,
    identical: isEmptyDiff(diff),
    settings: diff.settings.map((c) => ({ field: c.field, from: show(c.from), to: show(c.to) })),
    sections: [
      section(`${to.standardLabel}er`, diff.standards, (s) => s.title),
      section('Kriterier', diff.criteria, (c) => c.text),
      section('Indikatorer', diff.indicators, (i) => i.text),
    ],
  };
}

/** The node form: the stored values overlaid by what was submitted, with the choices marked. */
export function nodeFormView(
  model: QualityModelTree,
  k: NodeKindSegment,
  nodeId: string | undefined,
  submitted: Form | undefined,
  facilityTypes: { code: string; name: string }[],
) {
  const stored = nodeId ? findNode(model, k.kind, nodeId) : undefined;
  if (nodeId && !stored) throw new InvalidInputError(`Denne ${k.one} findes ikke i versionen`, []);
  const form: Form = { ...stored, ...submitted };
  const chosen = (field: string) => list(form[field]);
  const base = `${QUALITY_MODELS_PATH}/${model.id}/${k.segment}`;
  return {
    model,
    form,
    action: nodeId ? `${base}/${nodeId}` : `${base}/ny`,
    heading: `${nodeId ? 'Ret' : 'Ny'} ${k.kind === 'standard' ? model.standardLabel.toLowerCase() : k.one}`,
    isStandard: k.kind === 'standard',
    isCriterion: k.kind === 'criterion',
    isIndicator: k.kind === 'indicator',
    isNew: !nodeId,
    kinds: INDICATOR_KINDS.map((value) => ({
      value,
      label: INDICATOR_KIND_LABELS[value],
      selected: form.kind === value,
    })),
    evidence: EVIDENCE_SOURCES.map((value) => ({
      value,
      label: EVIDENCE_SOURCE_LABELS[value],
      checked: chosen('evidence').includes(value),
    })),
    facilityTypes: facilityTypes.map((t) => ({
      value: t.code,
      label: t.name,
      checked: chosen('facilityTypes').includes(t.code),
    })),
  };
}
