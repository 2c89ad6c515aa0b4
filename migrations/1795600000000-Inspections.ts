import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspection visits: planning (kind, date, inspectors, the exact model version), the checklist
 * answers with their evidence and attachments, focus-group notes, findings, and amendments made
 * after publication.
 */
export class Inspections1795600000000 implements MigrationInterface {
  name = 'Inspections1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table visit (
        id uuid primary key default gen_random_uuid(),
        facility_id uuid not null,
        model_version_id uuid not null,
        kind text not null,
        planned_date date not null,
        status text not null default 'draft',
        method text not null default '',
        return_comment text not null default '',
        created_by_id uuid not null,
        submitted_by_id uuid,
        submitted_at timestamptz,
        approved_by_id uuid,
        approved_at timestamptz,
        published_at timestamptz,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        constraint visit_kind_check check (kind in ('announced', 'unannounced')),
        constraint visit_status_check check (status in ('draft', 'returned', 'submitted', 'approved', 'published', 'cancelled')),
        constraint visit_facility_id_fkey foreign key (facility_id) references facility (id),
        constraint visit_model_version_id_fkey foreign key (model_version_id) references quality_model_version (id),
        constraint visit_created_by_id_fkey foreign key (created_by_id) references app_user (id),
        constraint visit_submitted_by_id_fkey foreign key (submitted_by_id) references app_user (id),
        constraint visit_approved_by_id_fkey foreign key (approved_by_id) references app_user (id)
      )`);
    await q.query(`create index visit_facility_idx on visit (facility_id, planned_date)`);

    await q.query(`
      create table visit_inspector (
        visit_id uuid not null references visit (id) on delete cascade,
        user_id uuid not null references app_user (id),
        primary key (visit_id, user_id)
      )`);
    await q.query(`create index visit_inspector_user_idx on visit_inspector (user_id)`);

    await q.query(`
      create table visit_answer (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        indicator_id uuid not null,
        assessment text not null,
        rating integer,
        justification text not null default '',
        updated_by_id uuid not null,
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint visit_answer_assessment_check check (assessment in ('rated', 'not_relevant', 'not_assessed')),
        constraint visit_answer_rating_check check ((assessment = 'rated') = (rating is not null)),
        constraint visit_answer_visit_id_indicator_id_key unique (visit_id, indicator_id),
        constraint visit_answer_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint visit_answer_indicator_id_fkey foreign key (indicator_id) references quality_indicator (id),
        constraint visit_answer_updated_by_id_fkey foreign key (updated_by_id) references app_user (id)
      )`);

    await q.query(`
      create table visit_attachment (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        file_name text not null,
        content_type text not null,
        size integer not null,
        sha256 text not null,
        data bytea not null,
        uploaded_by_id uuid not null,
        uploaded_at timestamptz not null default now(),
        constraint visit_attachment_content_type_check check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
        constraint visit_attachment_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint visit_attachment_uploaded_by_id_fkey foreign key (uploaded_by_id) references app_user (id)
      )`);

    await q.query(`
      create table visit_evidence (
        id uuid primary key default gen_random_uuid(),
        answer_id uuid not null,
        position integer not null,
        source text not null,
        note text not null default '',
        attachment_id uuid,
        constraint visit_evidence_source_check check (source in ('interview_leader', 'interview_staff', 'interview_resident', 'interview_relative', 'documentation', 'observation', 'focus_group')),
        constraint visit_evidence_answer_id_fkey foreign key (answer_id) references visit_answer (id) on delete cascade,
        constraint visit_evidence_attachment_id_fkey foreign key (attachment_id) references visit_attachment (id)
      )`);

    await q.query(`
      create table focus_group_note (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        participants text not null default '',
        text text not null,
        indicator_ids uuid[] not null default '{}',
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        constraint focus_group_note_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint focus_group_note_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);

    await q.query(`
      create table finding (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        kind text not null,
        text text not null,
        owner text not null default '',
        deadline date,
        indicator_ids uuid[] not null default '{}',
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        constraint finding_kind_check check (kind in ('development_point', 'recommendation', 'order')),
        constraint finding_order_deadline_check check (kind <> 'order' or deadline is not null),
        constraint finding_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint finding_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(`create index finding_visit_idx on finding (visit_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table finding`);
    await q.query(`drop table focus_group_note`);
    await q.query(`drop table visit_evidence`);
    await q.query(`drop table visit_attachment`);
    await q.query(`drop table visit_answer`);
    await q.query(`drop table visit_inspector`);
    await q.query(`drop table visit`);
  }
}
