import {
  CATALOGUE_FORMAT,
  type CriterionDoc,
  type IndicatorDoc,
  type QualityModelDocument,
  type StandardDoc,
} from './catalogue-format.js';
import type { VersionCounts, VersionRows } from './quality-model.repository.js';
import type { QualityModelVersionEntity } from './quality-model-version.entity.js';
import type { VersionStatus } from './vocabulary.js';

/** Stored nodes carry their id (stable within the version) and optimistic-lock version. */
type Stored = { id: string; version: number };
export type IndicatorNode = IndicatorDoc & Stored;
export type CriterionNode = Omit<CriterionDoc, 'indicators'> & Stored & { indicators: IndicatorNode[] };
export type StandardNode = Omit<StandardDoc, 'criteria' | 'indicators'> &
  Stored & { criteria: CriterionNode[]; indicators: IndicatorNode[] };

export interface QualityModelSummary {
  id: string;
  key: string;
  number: number;
  name: string;
  status: VersionStatus;
  standardLabel: string;
  copiedFromId: string | null;
  publishedAt: Date | null;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  counts?: VersionCounts;
}

export type QualityModelTree = QualityModelSummary &
  Omit<QualityModelDocument, 'format' | 'key' | 'name' | 'standardLabel' | 'standards'> & { standards: StandardNode[] };

export function toSummary(v: QualityModelVersionEntity & { counts?: VersionCounts }): QualityModelSummary {
  return {
    id: v.id,
    key: v.modelKey,
    number: v.number,
    name: v.name,
    status: v.status,
    standardLabel: v.standardLabel,
    copiedFromId: v.copiedFromId,
    publishedAt: v.publishedAt,
    retiredAt: v.retiredAt,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    version: v.version,
    ...(v.counts ? { counts: v.counts } : {}),
  };
}

const indicatorNode = (i: VersionRows['indicators'][number]): IndicatorNode => ({
  id: i.id,
  version: i.version,
  code: i.code,
  text: i.text,
  guidance: i.guidance,
  kind: i.kind,
  evidence: i.evidence,
  facilityTypes: i.facilityTypes,
  weight: i.weight,
  note: i.note,
});

/** Builds the nested model from its rows. */
export function toTree({ version: v, standards, criteria, indicators }: VersionRows): QualityModelTree {
  return {
    ...toSummary(v),
    counts: { standards: standards.length, criteria: criteria.length, indicators: indicators.length },
    description: v.description,
    note: v.note,
    scale: v.scale,
    trafficLight: v.trafficLight,
    justifyAtOrBelow: v.justifyAtOrBelow,
    rollup: v.rollup,
    standards: standards.map((s) => ({
      id: s.id,
      version: s.version,
      code: s.code,
      title: s.title,
      category: s.category,
      purpose: s.purpose,
      guidance: s.guidance,
      weight: s.weight,
      note: s.note,
      criteria: criteria
        .filter((c) => c.standardId === s.id)
        .map((c) => ({
          id: c.id,
          version: c.version,
          code: c.code,
          text: c.text,
          guidance: c.guidance,
          weight: c.weight,
          note: c.note,
          indicators: indicators.filter((i) => i.criterionId === c.id).map(indicatorNode),
        })),
      indicators: indicators.filter((i) => i.standardId === s.id && !i.criterionId).map(indicatorNode),
    })),
  };
}

const strip = <T extends Stored>({ id: _id, version: _v, ...rest }: T) => rest;

/** The version's content as a catalogue document (what export writes and copy starts from). */
export function toDocument(t: QualityModelTree): QualityModelDocument {
  return {
    format: CATALOGUE_FORMAT,
    key: t.key,
    name: t.name,
    description: t.description,
    note: t.note,
    standardLabel: t.standardLabel,
    scale: t.scale,
    trafficLight: t.trafficLight,
    justifyAtOrBelow: t.justifyAtOrBelow,
    rollup: t.rollup,
    standards: t.standards.map((s) => ({
      ...strip(s),
      criteria: s.criteria.map((c) => ({ ...strip(c), indicators: c.indicators.map(strip) })),
      indicators: s.indicators.map(strip),
    })),
  };
}
