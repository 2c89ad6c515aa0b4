import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Development agreements as written: owned by a facility or a unit of the organisation tree, several
 * per owner and year when named differently; each activity row keeps a group above its theme and
 * its own numbering ("1)", "A."), and has a status category (ikke påbegyndt, i gang, delvist,
 * realiseret, fravalgt) besides its text, with every status kept as history.
 *
 * Down removes what the old schema cannot hold: agreements owned by a unit, and all but the first
 * agreement per facility and year.
 */
export class AgreementStructure1796610000000 implements MigrationInterface {
  name = 'AgreementStructure1796610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table development_agreement drop constraint development_agreement_facility_year_key`);
    await q.query(`
      alter table development_agreement
        alter column facility_id drop not null,
        add column org_unit_id uuid,
        add column name text not null default '',
        add constraint development_agreement_org_unit_id_fkey foreign key (org_unit_id) references org_unit (id),
        add constraint development_agreement_owner_check check (num_nonnulls(facility_id, org_unit_id) = 1),
        add constraint development_agreement_facility_year_name_key unique (facility_id, year, name),
        add constraint development_agreement_org_unit_year_name_key unique (org_unit_id, year, name)`);
    await q.query(`
      alter table development_activity
        add column group_title text not null default '',
        add column group_number text not null default '',
        add column theme_number text not null default '',
        add column goal_number text not null default '',
        add column number text not null default '',
        add column status_category text,
        add constraint development_activity_status_category_check
          check (status_category in ('ikke påbegyndt', 'i gang', 'delvist realiseret', 'realiseret', 'fravalgt'))`);
    await q.query(`
      create table development_activity_entry (
        id uuid primary key default gen_random_uuid(),
        activity_id uuid not null,
        status_category text,
        text text not null,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        constraint development_activity_entry_activity_id_fkey foreign key (activity_id) references development_activity (id) on delete cascade,
        constraint development_activity_entry_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(
      `create index development_activity_entry_activity_idx on development_activity_entry (activity_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table development_activity_entry`);
    await q.query(`
      alter table development_activity drop constraint development_activity_status_category_check,
        drop column status_category, drop column number, drop column goal_number, drop column theme_number,
        drop column group_number, drop column group_title`);
    await q.query(`delete from development_agreement where org_unit_id is not null`);
    await q.query(`
      delete from development_agreement a where exists (
        select 1 from development_agreement o where o.facility_id = a.facility_id and o.year = a.year
           and (o.created_at, o.id) < (a.created_at, a.id))`);
    await q.query(`
      alter table development_agreement
        drop constraint development_agreement_org_unit_year_name_key,
        drop constraint development_agreement_facility_year_name_key,
        drop constraint development_agreement_owner_check,
        drop constraint development_agreement_org_unit_id_fkey,
        drop column name, drop column org_unit_id,
        alter column facility_id set not null,
        add constraint development_agreement_facility_year_key unique (facility_id, year)`);
  }
}
