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

export interface OpenFinding {
  kind: 'recommendation' | 'order';
  text: string;
  owner: string;
  deadline: string | null;
  visitDate: string;
  indicatorCodes: string[];
}

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

export interface OverviewRow {
  facilityId: string;
  facilityName: string;
  municipality: string;
  typeName: string | null;
  period: number;
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

  /** Rated answers of published visits, by year of the visit's date. */
  visitEvidence(facilityIds: string[]): Promise<VisitEvidenceRow[]> {
    return this.m.query(
      `select v.facility_id as "facilityId", v.model_version_id as "modelVersionId", extract(year from v.planned_date)::int as period,
              a.indicator_id as "indicatorId", array_agg(a.rating order by a.rating) as ratings
         from visit v join visit_answer a on a.visit_id = v.id
        where v.facility_id = any($1) and v.status = 'published' and a.assessment = 'rated'
        group by 1, 2, 3, 4`,
      [facilityIds],
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
      [col('facilityId'), col('period'), col('nodeId'), col('modelVersionId'), col('level'), col('score'), col('light'), col('visitScore'), col('surveyScore'), col('latest')],
    );
  }

  stored(facilityIds: string[]): Promise<StoredScore[]> {
    return this.m.query(
      `select ${COLUMNS} from score_node where facility_id = any($1) order by facility_id, period, node_id`,
      [facilityIds],
    );
  }

  /** Every period's scores of the given levels for one facility, oldest first. */
  history(facilityId: string, levels: ScoreLevel[]): Promise<StoredScore[]> {
    return this.m.query(
      `select ${COLUMNS} from score_node where facility_id = $1 and level = any($2) order by period, node_id`,
      [facilityId, levels],
    );
  }

  /** Quartiles of the standards and the overall score over every facility's current scores. */
  quartiles(modelVersionId: string): Promise<QuartileRow[]> {
    return this.m.query(
      `select node_id as "nodeId", count(*)::int as facilities,
              percentile_cont(0.25) within group (order by score) as q1,
              percentile_cont(0.5) within group (order by score) as median,
              percentile_cont(0.75) within group (order by score) as q3
         from score_node
        where latest and model_version_id = $1 and level in ('standard', 'overall')
        group by node_id`,
      [modelVersionId],
    );
  }

  /**
   * One page of the heat map: facilities with current scores, by name, each with its standard and
   * overall scores; `total` counts every facility the filter matches. The page is chosen before any
   * score is read, so a page costs the same however large the region.
   */
  async overview(modelVersionId: string, filter: OverviewFilter, page?: { limit: number; offset: number }): Promise<{ total: number; rows: OverviewRow[] }> {
    const rows: (Omit<OverviewRow, 'scores'> & { total: number; nodes: string[]; scores: number[] })[] = await this.m.query(
      `with chosen as (
         select f.id, f.name, f.municipality, f.type_code, count(*) over () as total
           from facility f
          where exists (select 1 from score_node o where o.latest and o.model_version_id = $1 and o.level = 'overall' and o.facility_id = f.id)
            and ($2::text is null or f.type_code = $2) and ($3::text is null or f.municipality = $3)
          order by f.name limit $4 offset $5)
       select c.id as "facilityId", c.name as "facilityName", c.municipality, t.name as "typeName", s.period, c.total::int as total,
              array_agg(s.node_id::text) as nodes, array_agg(s.score) as scores
         from chosen c
         join facility_type t on t.code = c.type_code
         join score_node s on s.latest and s.model_version_id = $1 and s.level in ('standard', 'overall') and s.facility_id = c.id
        group by c.id, c.name, c.municipality, t.name, s.period, c.total
        order by c.name`,
      [modelVersionId, filter.type || null, filter.municipality || null, page?.limit ?? null, page?.offset ?? 0],
    );
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.map(({ total: _t, nodes, scores, ...r }) => ({ ...r, scores: Object.fromEntries(nodes.map((n, i) => [n, scores[i]])) })),
    };
  }

  /** Model versions that have scores, most used first: the choice of heat-map columns. */
  scoredVersions(): Promise<{ id: string; name: string; number: number; facilities: number }[]> {
    return this.m.query(
      `select v.id, v.name, v.number, count(distinct s.facility_id)::int as facilities
         from score_node s join quality_model_version v on v.id = s.model_version_id
        where s.latest and s.level = 'overall' group by v.id order by facilities desc, v.name`,
    );
  }

  /**
   * Recommendations and orders of the facility's latest published visit: each visit reassesses
   * the facility, so its findings replace the previous visit's.
   */
  openFindings(facilityId: string): Promise<OpenFinding[]> {
    return this.m.query(
      `with latest as (select id, planned_date from visit where facility_id = $1 and status = 'published' order by planned_date desc, published_at desc limit 1)
       select f.kind, f.text, f.owner, to_char(f.deadline, 'YYYY-MM-DD') as deadline, to_char(l.planned_date, 'YYYY-MM-DD') as "visitDate",
              coalesce((select array_agg(i.code order by i.code) from quality_indicator i where i.id = any(f.indicator_ids)), '{}') as "indicatorCodes"
         from latest l join finding f on f.visit_id = l.id
        where f.kind in ('recommendation', 'order')
        order by f.kind desc, f.deadline nulls last, f.created_at`,
      [facilityId],
    );
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
   * Recommendations and orders past their deadline on each facility's latest published visit: the
   * follow-ups the region should chase.
   */
  overdueFindings(): Promise<(OpenFinding & { facilityId: string; facilityName: string })[]> {
    return this.m.query(
      `with latest as (select distinct on (facility_id) id, facility_id, planned_date from visit where status = 'published' order by facility_id, planned_date desc, published_at desc)
       select l.facility_id as "facilityId", fa.name as "facilityName", f.kind, f.text, f.owner, to_char(f.deadline, 'YYYY-MM-DD') as deadline,
              to_char(l.planned_date, 'YYYY-MM-DD') as "visitDate", '{}'::text[] as "indicatorCodes"
         from latest l join finding f on f.visit_id = l.id join facility fa on fa.id = l.facility_id
        where f.kind in ('recommendation', 'order') and f.deadline < (now() at time zone 'Europe/Copenhagen')::date
        order by f.deadline, fa.name`,
    );
  }

  municipalities(): Promise<string[]> {
    return this.m.query(`select distinct municipality from facility order by 1`).then((rows: { municipality: string }[]) => rows.map((r) => r.municipality).sort((a, b) => a.localeCompare(b, 'da')));
  }

  facilityIds(filter: OverviewFilter): Promise<string[]> {
    return this.m
      .query(`select id from facility where ($1::text is null or type_code = $1) and ($2::text is null or municipality = $2)`, [filter.type || null, filter.municipality || null])
      .then((rows: { id: string }[]) => rows.map((r) => r.id));
  }
}
