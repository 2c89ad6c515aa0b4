import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { NodeScore, ScoreLevel } from './score-engine.js';

/** The published ratings of one indicator for one facility, version and year. */
export interface VisitEvidenceRow {
  facilityId: string;
  modelVersionId: string;
  period: number;
  indicatorId: string;
  ratings: number[];
}

/** A stored node score with where it belongs. */
export interface StoredScore extends NodeScore {
  facilityId: string;
  period: number;
  modelVersionId: string;
  /** The facility's newest period for this model version: its current score. */
  latest: boolean;
}

export interface QuartileRow {
  nodeId: string;
  q1: number;
  median: number;
  q3: number;
  facilities: number;
}

/** A recommendation or order not yet met, with its follow-up where a plan follows it up. */
/** One published answer to an indicator, with the evidence the inspectors gave for it. */
export interface TrailEntry {
  visitId: string;
  visitDate: string;
  assessment: 'rated' | 'not_relevant' | 'not_assessed';
  rating: number | null;
  justification: string;
  evidence: { source: string; note: string; attachmentName: string | null }[];
}

export interface OverviewFilter {
  type?: string;
  municipality?: string;
}

/** The heat map's order: by one column's score (a standard's id or the version's id), else by name. */
export interface OverviewSort {
  nodeId: string | null;
  descending: boolean;
}

export interface OverviewChoices {
  types: { code: string; name: string }[];
  municipalities: string[];
  versions: { id: string; name: string; number: number; facilities: number }[];
}

export interface OverviewRow {
  facilityId: string;
  facilityName: string;
  municipality: string;
  typeName: string | null;
  /** null: the facility has no score yet. */
  period: number | null;
  /** Score by node id (standards and the model version's id for the overall score). */
  scores: Record<string, number>;
}

const COLUMNS = `facility_id as "facilityId", period, node_id as "nodeId", model_version_id as "modelVersionId", level, score, light,
                 visit_score as "visitScore", survey_score as "surveyScore", latest`;

/** The stored aggregates (table score_node, see migrations/1796000000000-Scoring.ts). */
@Injectable()
export class ScoresRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  /** Rated answers of published visits (and of `draftVisitId`, for its draft report), by year of the visit's date. */
  visitEvidence(facilityIds: string[], draftVisitId: string | null = null): Promise<VisitEvidenceRow[]> {
    return this.m.query(
      `select v.facility_id as "facilityId", v.model_version_id as "modelVersionId", extract(year from v.planned_date)::int as period,
              a.indicator_id as "indicatorId", array_agg(a.rating order by a.rating) as ratings
         from visit v join visit_answer a on a.visit_id = v.id
        where v.facility_id = any($1) and (v.status = 'published' or v.id = $2) and a.assessment = 'rated'
        group by 1, 2, 3, 4`,
      [facilityIds, draftVisitId],
    );
  }

  /** Replaces every stored score of the facilities; one statement per table, whatever the count. */
  async replace(facilityIds: string[], rows: StoredScore[]): Promise<void> {
    await this.m.query(`delete from score_node where facility_id = any($1)`, [facilityIds]);
    if (!rows.length) return;
    const col = <K extends keyof StoredScore>(k: K) => rows.map((r) => r[k]);
    await this.m.query(
      `insert into score_node (facility_id, period, node_id, model_version_id, level, score, light, visit_score, survey_score, latest)
       select * from unnest($1::uuid[], $2::int[], $3::uuid[], $4::uuid[], $5::text[], $6::float8[], $7::text[], $8::float8[], $9::float8[], $10::bool[])`,
      [
        col('facilityId'),
        col('period'),
        col('nodeId'),
        col('modelVersionId'),
        col('level'),
        col('score'),
        col('light'),
        col('visitScore'),
        col('surveyScore'),
        col('latest'),
      ],
    );
  }

  stored(facilityIds: string[]): Promise<StoredScore[]> {
    return this.m.query(
      `select ${COLUMNS} from score_node where facility_id = any($1) order by facility_id, period, node_id`,
      [facilityIds],
    );
  }

  /** One facility's stored scores for one model version and period. */
  async periodScores(facilityId: string, modelVersionId: string, period: number): Promise<Map<string, number>> {
    const rows: { nodeId: string; score: number }[] = await this.m.query(
      `select node_id as "nodeId", score from score_node where facility_id = $1 and model_version_id = $2 and period = $3`,
      [facilityId, modelVersionId, period],
    );
    return new Map(rows.map((r) => [r.nodeId, r.score]));
  }

  /** The published visits whose ratings count in a period (as visitEvidence groups them), oldest first. */
  periodVisits(
    facilityId: string,
    modelVersionId: string,
    period: number,
    draftVisitId: string | null = null,
  ): Promise<{ id: string; date: string; kind: 'announced' | 'unannounced' }[]> {
    return this.m.query(
      `select v.id, to_char(v.planned_date, 'YYYY-MM-DD') as date, v.kind
         from visit v
        where v.facility_id = $1 and v.model_version_id = $2 and extract(year from v.planned_date)::int = $3 and (v.status = 'published' or v.id = $4)
          and exists (select 1 from visit_answer a where a.visit_id = v.id and a.assessment = 'rated')
        order by v.planned_date, v.id`,
      [facilityId, modelVersionId, period, draftVisitId],
    );
  }

  /** Every period's scores of the given levels for one facility, oldest first. */
  history(facilityId: string, levels: ScoreLevel[]): Promise<StoredScore[]> {
    return this.m.query(
      `select ${COLUMNS} from score_node where facility_id = $1 and level = any($2) order by period, node_id`,
      [facilityId, levels],
    );
  }

  /**
   * Quartiles of the standards and the overall score over every facility's current scores, in the
   * model version of the facility's current assessment (see currentOverall): read beside the
   * facility's history rather than after it.
   */
  quartilesFor(facilityId: string): Promise<QuartileRow[]> {
    return this.m.query(
      `select node_id as "nodeId", count(*)::int as facilities,
              percentile_cont(0.25) within group (order by score) as q1,
              percentile_cont(0.5) within group (order by score) as median,
              percentile_cont(0.75) within group (order by score) as q3
         from score_node
        where latest and level in ('standard', 'overall')
          and model_version_id = (select model_version_id from score_node where facility_id = $1 and latest and level = 'overall' order by period desc, model_version_id limit 1)
        group by node_id`,
      [facilityId],
    );
  }

  /**
   * One page of the heat map: facilities with current scores in the version, and those with no score
   * at all (listed, not left out), each with its standard and overall scores; `total` counts every
   * facility the filter matches, `scored` those with scores. Sorted by one column's score (unscored
   * last) or by name; the page is chosen before any score is read, so a page costs the same however
   * large the region.
   */
  async overview(
    modelVersionId: string,
    filter: OverviewFilter,
    page?: { limit: number; offset: number },
    sort: OverviewSort = { nodeId: null, descending: false },
  ): Promise<{ total: number; scored: number; rows: OverviewRow[] }> {
    const direction = sort.descending ? 'desc' : 'asc';
    const rows: (Omit<OverviewRow, 'scores'> & {
      total: number;
      scored: number;
      nodes: string[] | null;
      scores: number[] | null;
    })[] = await this.m.query(
      `with matching as (
         select f.id, f.name, f.municipality, f.type_code,
                exists (select 1 from score_node o where o.latest and o.model_version_id = $1 and o.level = 'overall' and o.facility_id = f.id) as scored,
                (select o.score from score_node o where o.latest and o.model_version_id = $1 and o.node_id = $6 and o.facility_id = f.id) as sort_score
           from facility f
          where ($2::text is null or f.type_code = $2) and ($3::text is null or f.municipality = $3)),
       chosen as (
         select m.*, count(*) over () as total, count(*) filter (where m.scored) over () as scored_total
           from matching m
          where m.scored or not exists (select 1 from score_node o where o.facility_id = m.id)
          order by m.sort_score ${direction} nulls last, m.name ${direction === 'desc' && !sort.nodeId ? 'desc' : 'asc'}, m.id
          limit $4 offset $5)
       select c.id as "facilityId", c.name as "facilityName", c.municipality, t.name as "typeName", s.period,
              c.total::int as total, c.scored_total::int as scored,
              array_agg(s.node_id::text) filter (where s.node_id is not null) as nodes,
              array_agg(s.score) filter (where s.node_id is not null) as scores
         from chosen c
         join facility_type t on t.code = c.type_code
         left join score_node s on s.latest and s.model_version_id = $1 and s.level in ('standard', 'overall') and s.facility_id = c.id
        group by c.id, c.name, c.municipality, t.name, s.period, c.total, c.scored_total, c.sort_score
        order by c.sort_score ${direction} nulls last, c.name ${direction === 'desc' && !sort.nodeId ? 'desc' : 'asc'}, c.id`,
      [
        modelVersionId,
        filter.type || null,
        filter.municipality || null,
        page?.limit ?? null,
        page?.offset ?? 0,
        sort.nodeId,
      ],
    );
    return {
      total: rows[0]?.total ?? 0,
      scored: rows[0]?.scored ?? 0,
      rows: rows.map(({ total: _t, scored: _s, nodes, scores, ...r }) => {
        const byNode: Record<string, number> = {};
        for (let i = 0; i < (nodes?.length ?? 0); i++) byNode[nodes![i]] = scores![i]; // ~900 cells a page: a plain loop
        return { ...r, scores: byNode };
      }),
    };
  }

  /** Every published answer to the indicator at the facility, newest first, with its evidence. */
  evidenceTrail(facilityId: string, indicatorId: string): Promise<TrailEntry[]> {
    return this.m.query(
      `select v.id as "visitId", to_char(v.planned_date, 'YYYY-MM-DD') as "visitDate", a.assessment, a.rating, a.justification,
              coalesce((select jsonb_agg(jsonb_build_object('source', e.source, 'note', e.note, 'attachmentName', att.file_name) order by e.position)
                          from visit_evidence e left join visit_attachment att on att.id = e.attachment_id where e.answer_id = a.id), '[]') as evidence
         from visit v join visit_answer a on a.visit_id = v.id
        where v.facility_id = $1 and v.status = 'published' and a.indicator_id = $2
        order by v.planned_date desc`,
      [facilityId, indicatorId],
    );
  }

  /**
   * What the region pages offer to choose, in one round trip: facility types, municipalities, and
   * the model versions that have scores (most used first, the heat map's default first).
   */
  async choices(): Promise<OverviewChoices> {
    const [row] = await this.m.query(
      `select (select coalesce(json_agg(json_build_object('code', code, 'name', name) order by legal_basis), '[]') from facility_type) as types,
              (select coalesce(json_agg(municipality), '[]') from (select distinct municipality from facility) m) as municipalities,
              (select coalesce(json_agg(v order by v.facilities desc, v.name), '[]')
                 from (select v.id, v.name, v.number, count(distinct s.facility_id)::int as facilities
                         from score_node s join quality_model_version v on v.id = s.model_version_id
                        where s.latest and s.level = 'overall' group by v.id) v) as versions`,
    );
    return { ...row, municipalities: (row.municipalities as string[]).sort((a, b) => a.localeCompare(b, 'da')) };
  }

  facilityIds(filter: OverviewFilter): Promise<string[]> {
    return this.m
      .query(
        `select id from facility where ($1::text is null or type_code = $1) and ($2::text is null or municipality = $2)`,
        [filter.type || null, filter.municipality || null],
      )
      .then((rows: { id: string }[]) => rows.map((r) => r.id));
  }
}
