import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up of recommendations and orders: a status list region staff configure, follow-up plans
 * (numbered sections with recommendations, free-standing or from a published visit's findings),
 * each recommendation's current status with its history, the half-yearly status reports as issued,
 * and development agreements (theme → goal → activities with status text) per facility and year.
 */
export class FollowUp1795900000000 implements MigrationInterface {
  name = 'FollowUp1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table follow_up_status (
        id uuid primary key default gen_random_uuid(),
        label text not null,
        position integer not null,
        done boolean not null default false,
        active boolean not null default true,
        version integer not null default 1,
        constraint follow_up_status_label_key unique (label)
      )`);
    await q.query(`
      insert into follow_up_status (label, position, done) values
        ('ikke påbegyndt', 1, false), ('vurderes', 2, false), ('planlagt', 3, false), ('delvist planlagt', 4, false),
        ('i gang', 5, false), ('delvist imødekommet', 6, false), ('imødekommet', 7, true), ('imødekommes løbende', 8, false)`);

    await q.query(`
      create table follow_up_plan (
        id uuid primary key default gen_random_uuid(),
        facility_id uuid not null,
        title text not null,
        visit_id uuid,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        constraint follow_up_plan_visit_id_key unique (visit_id),
        constraint follow_up_plan_facility_id_fkey foreign key (facility_id) references facility (id),
        constraint follow_up_plan_visit_id_fkey foreign key (visit_id) references visit (id),
        constraint follow_up_plan_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(`create index follow_up_plan_facility_idx on follow_up_plan (facility_id)`);

    await q.query(`
      create table follow_up_section (
        id uuid primary key default gen_random_uuid(),
        plan_id uuid not null,
        number text not null,
        title text not null,
        position integer not null,
        constraint follow_up_section_plan_number_key unique (plan_id, number),
        constraint follow_up_section_plan_id_fkey foreign key (plan_id) references follow_up_plan (id) on delete cascade
      )`);

    await q.query(`
      create table follow_up_item (
        id uuid primary key default gen_random_uuid(),
        section_id uuid not null,
        number text not null,
        position integer not null,
        text text not null,
        owner text not null default '',
        deadline date,
        finding_id uuid,
        status_id uuid not null,
        status_text text not null default '',
        status_changed_at timestamptz,
        status_changed_by_id uuid,
        done_since timestamptz,
        version integer not null default 1,
        constraint follow_up_item_section_number_key unique (section_id, number),
        constraint follow_up_item_finding_id_key unique (finding_id),
        constraint follow_up_item_section_id_fkey foreign key (section_id) references follow_up_section (id) on delete cascade,
        constraint follow_up_item_finding_id_fkey foreign key (finding_id) references finding (id),
        constraint follow_up_item_status_id_fkey foreign key (status_id) references follow_up_status (id),
        constraint follow_up_item_status_changed_by_id_fkey foreign key (status_changed_by_id) references app_user (id)
      )`);
    await q.query(`create index follow_up_item_deadline_idx on follow_up_item (deadline)`);

    await q.query(`
      create table follow_up_entry (
        id uuid primary key default gen_random_uuid(),
        item_id uuid not null,
        status_id uuid not null,
        text text not null,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        constraint follow_up_entry_item_id_fkey foreign key (item_id) references follow_up_item (id) on delete cascade,
        constraint follow_up_entry_status_id_fkey foreign key (status_id) references follow_up_status (id),
        constraint follow_up_entry_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(`create index follow_up_entry_item_idx on follow_up_entry (item_id, created_at)`);

    await q.query(`
      create table follow_up_report (
        id uuid primary key default gen_random_uuid(),
        plan_id uuid not null,
        period text not null,
        data jsonb not null,
        issued_by_id uuid not null,
        issued_at timestamptz not null default now(),
        constraint follow_up_report_plan_period_key unique (plan_id, period),
        constraint follow_up_report_period_check check (period ~ '^[0-9]{4}-[12]$'),
        constraint follow_up_report_plan_id_fkey foreign key (plan_id) references follow_up_plan (id) on delete cascade,
        constraint follow_up_report_issued_by_id_fkey foreign key (issued_by_id) references app_user (id)
      )`);

    await q.query(`
      create table development_agreement (
        id uuid primary key default gen_random_uuid(),
        facility_id uuid not null,
        year integer not null,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        constraint development_agreement_facility_year_key unique (facility_id, year),
        constraint development_agreement_facility_id_fkey foreign key (facility_id) references facility (id),
        constraint development_agreement_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(`
      create table development_activity (
        id uuid primary key default gen_random_uuid(),
        agreement_id uuid not null,
        theme text not null,
        goal text not null,
        activity text not null,
        position integer not null,
        status_text text not null default '',
        version integer not null default 1,
        constraint development_activity_agreement_id_fkey foreign key (agreement_id) references development_agreement (id) on delete cascade
      )`);
    await q.query(`create index development_activity_agreement_idx on development_activity (agreement_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'development_activity',
      'development_agreement',
      'follow_up_report',
      'follow_up_entry',
      'follow_up_item',
      'follow_up_section',
      'follow_up_plan',
      'follow_up_status',
    ]) {
      await q.query(`drop table ${t}`);
    }
  }
}
