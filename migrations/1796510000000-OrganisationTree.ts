import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners above the facility. An organisation tree region staff keep (region or municipality →
 * administration or centre → facility): org_unit, and facility.org_unit_id for where a facility
 * sits. A follow-up plan is owned by a facility or by a unit of the tree (exactly one), and who
 * may write a status can be set per heading or recommendation (writer_facility_id: that facility's
 * leaders). Down removes plans owned by a unit (the old schema cannot hold them) and the tree.
 */
export class OrganisationTree1796510000000 implements MigrationInterface {
  name = 'OrganisationTree1796510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table org_unit (
        id uuid primary key default gen_random_uuid(),
        parent_id uuid,
        kind text not null,
        name text not null,
        created_at timestamptz not null default now(),
        version integer not null default 1,
        constraint org_unit_name_key unique (name),
        constraint org_unit_kind_check check (kind in ('region', 'municipality', 'administration', 'centre')),
        constraint org_unit_parent_id_fkey foreign key (parent_id) references org_unit (id)
      )`);
    await q.query(`create index org_unit_parent_idx on org_unit (parent_id)`);
    await q.query(`
      alter table facility add column org_unit_id uuid,
        add constraint facility_org_unit_id_fkey foreign key (org_unit_id) references org_unit (id)`);
    await q.query(`create index facility_org_unit_idx on facility (org_unit_id)`);
    await q.query(`
      alter table follow_up_plan alter column facility_id drop not null,
        add column org_unit_id uuid,
        add constraint follow_up_plan_org_unit_id_fkey foreign key (org_unit_id) references org_unit (id),
        add constraint follow_up_plan_owner_check check (num_nonnulls(facility_id, org_unit_id) = 1)`);
    await q.query(`create index follow_up_plan_org_unit_idx on follow_up_plan (org_unit_id)`);
    for (const table of ['follow_up_section', 'follow_up_item'])
      await q.query(`
        alter table ${table} add column writer_facility_id uuid,
          add constraint ${table}_writer_facility_id_fkey foreign key (writer_facility_id) references facility (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['follow_up_item', 'follow_up_section'])
      await q.query(
        `alter table ${table} drop constraint ${table}_writer_facility_id_fkey, drop column writer_facility_id`,
      );
    await q.query(`delete from follow_up_plan where org_unit_id is not null`);
    await q.query(`drop index follow_up_plan_org_unit_idx`);
    await q.query(`
      alter table follow_up_plan drop constraint follow_up_plan_owner_check,
        drop constraint follow_up_plan_org_unit_id_fkey, drop column org_unit_id,
        alter column facility_id set not null`);
    await q.query(`drop index facility_org_unit_idx`);
    await q.query(`alter table facility drop constraint facility_org_unit_id_fkey, drop column org_unit_id`);
    await q.query(`drop table org_unit`);
  }
}
