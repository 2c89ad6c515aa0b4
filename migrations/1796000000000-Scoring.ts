import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored score aggregates: every scored node (indicator, criterion, standard/theme, overall) per
 * facility and period (calendar year), refreshed when a facility's published ratings change.
 * `latest` marks a facility's newest period per model version, so "current" scores and the
 * region's figures read one row per facility and node instead of ten years of history.
 * Entity-less: only libs/scoring/src/scores.repository.ts reads and writes it, with SQL.
 */
export class Scoring1796000000000 implements MigrationInterface {
  name = 'Scoring1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table score_node (
        facility_id uuid not null,
        period integer not null,
        node_id uuid not null,
        model_version_id uuid not null,
        level text not null,
        score double precision not null,
        light text not null,
        visit_score double precision,
        survey_score double precision,
        latest boolean not null,
        constraint score_node_pkey primary key (facility_id, period, node_id),
        constraint score_node_level_check check (level in ('indicator', 'criterion', 'standard', 'overall')),
        constraint score_node_light_check check (light in ('green', 'yellow', 'red')),
        constraint score_node_facility_id_fkey foreign key (facility_id) references facility (id) on delete cascade,
        constraint score_node_model_version_id_fkey foreign key (model_version_id) references quality_model_version (id)
      )`);
    await q.query(
      `create index score_node_latest_idx on score_node (model_version_id, level, facility_id) where latest`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table score_node`);
  }
}
