import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A follow-up plan as municipalities write it. Sections nest to any depth (parent_id) and keep their
 * number as written ("1.", "1.1", "1.1." or none), may carry text of their own and may hold one
 * status for all their recommendations (status_* on the section; its items then have none of their
 * own). Recommendations may be unnumbered. A status may be split by target group (status_parts:
 * [{group, statusId}], the row's status_id being the one that decides whether it is met). A history
 * entry belongs to an item or to a section.
 *
 * Down keeps every plan readable in the old shape: nested sections become flat ones in plan order,
 * a section's status is copied to its items, empty and repeated numbers get their position.
 */
export class FollowUpStructure1796400000000 implements MigrationInterface {
  name = 'FollowUpStructure1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table follow_up_section drop constraint follow_up_section_plan_number_key`);
    await q.query(`
      alter table follow_up_section
        add column parent_id uuid,
        add column text text not null default '',
        add column status_id uuid,
        add column status_parts jsonb,
        add column status_text text not null default '',
        add column status_changed_at timestamptz,
        add column status_changed_by_id uuid,
        add column done_since timestamptz,
        add column version integer not null default 1,
        add constraint follow_up_section_parent_id_fkey foreign key (parent_id) references follow_up_section (id) on delete cascade,
        add constraint follow_up_section_status_id_fkey foreign key (status_id) references follow_up_status (id),
        add constraint follow_up_section_status_changed_by_id_fkey foreign key (status_changed_by_id) references app_user (id)`);
    await q.query(`create index follow_up_section_plan_idx on follow_up_section (plan_id, position)`);

    await q.query(`alter table follow_up_item drop constraint follow_up_item_section_number_key`);
    await q.query(`alter table follow_up_item alter column status_id drop not null, add column status_parts jsonb`);
    await q.query(`create index follow_up_item_section_idx on follow_up_item (section_id, position)`);

    await q.query(`
      alter table follow_up_entry
        alter column item_id drop not null,
        add column section_id uuid,
        add column parts jsonb,
        add constraint follow_up_entry_section_id_fkey foreign key (section_id) references follow_up_section (id) on delete cascade,
        add constraint follow_up_entry_one_holder_check check (num_nonnulls(item_id, section_id) = 1)`);
    await q.query(`create index follow_up_entry_section_idx on follow_up_entry (section_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index follow_up_entry_section_idx`);
    // a section's history goes to each of its items
    await q.query(`
      insert into follow_up_entry (item_id, status_id, text, created_by_id, created_at)
      select i.id, e.status_id, e.text, e.created_by_id, e.created_at
        from follow_up_entry e join follow_up_item i on i.section_id = e.section_id
       where e.section_id is not null`);
    await q.query(`delete from follow_up_entry where section_id is not null`);
    await q.query(`
      alter table follow_up_entry
        drop constraint follow_up_entry_one_holder_check,
        drop constraint follow_up_entry_section_id_fkey,
        drop column parts,
        drop column section_id,
        alter column item_id set not null`);

    await q.query(`drop index follow_up_item_section_idx`);
    await q.query(`
      update follow_up_item i
         set status_id = s.status_id, status_text = s.status_text, status_changed_at = s.status_changed_at,
             status_changed_by_id = s.status_changed_by_id, done_since = s.done_since
        from follow_up_section s
       where s.id = i.section_id and i.status_id is null and s.status_id is not null`);
    await q.query(`
      update follow_up_item set status_id = (select id from follow_up_status where active and not done order by position limit 1)
       where status_id is null`);
    await q.query(`
      update follow_up_item i set number = (i.position + 1)::text
       where i.number = '' or exists (select 1 from follow_up_item o where o.section_id = i.section_id
                                        and o.number = i.number and o.position < i.position)`);
    await q.query(`alter table follow_up_item drop column status_parts, alter column status_id set not null`);
    await q.query(
      `alter table follow_up_item add constraint follow_up_item_section_number_key unique (section_id, number)`,
    );

    await q.query(`drop index follow_up_section_plan_idx`);
    await q.query(`
      update follow_up_section s set number = coalesce(nullif(s.number, ''), '§') || '#' || (s.position + 1)
       where s.number = '' or exists (select 1 from follow_up_section o where o.plan_id = s.plan_id
                                        and o.number = s.number and o.position < s.position)`);
    await q.query(`
      alter table follow_up_section
        drop constraint follow_up_section_parent_id_fkey,
        drop constraint follow_up_section_status_id_fkey,
        drop constraint follow_up_section_status_changed_by_id_fkey,
        drop column parent_id, drop column text, drop column status_id, drop column status_parts,
        drop column status_text, drop column status_changed_at, drop column status_changed_by_id,
        drop column done_since, drop column version`);
    await q.query(
      `alter table follow_up_section add constraint follow_up_section_plan_number_key unique (plan_id, number)`,
    );
  }
}
