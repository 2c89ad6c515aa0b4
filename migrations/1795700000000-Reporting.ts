import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports: uploaded report-template versions, batch runs, the reports themselves and their files
 * (PDF and the exact HTML it was printed from), kept in PostgreSQL with their SHA-256 so servers
 * and workers on different machines share them without a shared disk.
 */
export class Reporting1795700000000 implements MigrationInterface {
  name = 'Reporting1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table report_template (
        id uuid primary key default gen_random_uuid(),
        number integer not null,
        name text not null,
        source text not null,
        sha256 text not null,
        status text not null default 'draft',
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        activated_at timestamptz,
        retired_at timestamptz,
        version integer not null default 1,
        constraint report_template_status_check check (status in ('draft', 'active', 'retired')),
        constraint report_template_number_key unique (number),
        constraint report_template_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);

    await q.query(`
      create table report_batch (
        id uuid primary key default gen_random_uuid(),
        period_from date not null,
        period_to date not null,
        template_id uuid,
        requested_by_id uuid,
        requested_by_name text not null,
        created_at timestamptz not null default now(),
        constraint report_batch_period_check check (period_from <= period_to),
        constraint report_batch_template_id_fkey foreign key (template_id) references report_template (id),
        constraint report_batch_requested_by_id_fkey foreign key (requested_by_id) references app_user (id)
      )`);

    await q.query(`
      create table report (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        template_id uuid,
        batch_id uuid,
        preview boolean not null default false,
        status text not null default 'queued',
        attempts integer not null default 0,
        error text not null default '',
        page_count integer,
        requested_by_id uuid,
        requested_by_name text not null,
        created_at timestamptz not null default now(),
        finished_at timestamptz,
        constraint report_status_check check (status in ('queued', 'rendering', 'done', 'failed')),
        constraint report_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint report_template_id_fkey foreign key (template_id) references report_template (id),
        constraint report_batch_id_fkey foreign key (batch_id) references report_batch (id) on delete cascade,
        constraint report_requested_by_id_fkey foreign key (requested_by_id) references app_user (id)
      )`);
    await q.query(`create index report_visit_idx on report (visit_id, created_at)`);
    await q.query(`create index report_batch_idx on report (batch_id, status)`);

    await q.query(`
      create table report_file (
        id uuid primary key default gen_random_uuid(),
        report_id uuid not null,
        kind text not null,
        content_type text not null,
        size integer not null,
        sha256 text not null,
        data bytea not null,
        constraint report_file_kind_check check (kind in ('pdf', 'html')),
        constraint report_file_report_id_kind_key unique (report_id, kind),
        constraint report_file_report_id_fkey foreign key (report_id) references report (id) on delete cascade
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table report_file`);
    await q.query(`drop table report`);
    await q.query(`drop table report_batch`);
    await q.query(`drop table report_template`);
  }
}
