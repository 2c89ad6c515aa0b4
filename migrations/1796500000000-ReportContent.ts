import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the tilsyn report says beside the ratings: the inspector's written overall assessment of a
 * visit and one per theme (required before the visit is submitted), and the issuing authority's
 * identity (name, address, contact, logo), stored once for the region. Existing visits get an empty
 * overall assessment and no theme assessments; nothing else changes.
 */
export class ReportContent1796500000000 implements MigrationInterface {
  name = 'ReportContent1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table visit add column overall_assessment text not null default ''`);
    await q.query(`
      create table visit_theme_assessment (
        visit_id uuid not null,
        standard_id uuid not null,
        text text not null,
        updated_at timestamptz not null default now(),
        constraint visit_theme_assessment_pkey primary key (visit_id, standard_id),
        constraint visit_theme_assessment_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint visit_theme_assessment_standard_id_fkey foreign key (standard_id) references quality_standard (id)
      )`);
    await q.query(`
      create table report_authority (
        id smallint not null default 1,
        name text not null,
        address text not null default '',
        contact text not null default '',
        logo bytea,
        logo_type text,
        updated_by_id uuid,
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint report_authority_pkey primary key (id),
        constraint report_authority_single_check check (id = 1),
        constraint report_authority_updated_by_id_fkey foreign key (updated_by_id) references app_user (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table report_authority`);
    await q.query(`drop table visit_theme_assessment`);
    await q.query(`alter table visit drop column overall_assessment`);
  }
}
