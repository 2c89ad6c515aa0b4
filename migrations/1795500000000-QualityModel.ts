import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The quality-model catalogue: versions (draft → published → retired) with their standards/themes,
 * optional criteria and indicators. Visits and surveys will point at version and indicator ids, so
 * the database itself refuses to change or delete anything in a version once it has left draft.
 */
export class QualityModel1795500000000 implements MigrationInterface {
  name = 'QualityModel1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table quality_model_version (
        id uuid primary key default gen_random_uuid(),
        model_key text not null,
        number integer not null,
        name text not null,
        description text not null default '',
        note text not null default '',
        standard_label text not null default 'Standard',
        scale jsonb not null,
        traffic_light jsonb not null,
        rollup jsonb not null,
        status text not null default 'draft',
        copied_from_id uuid,
        published_at timestamptz,
        retired_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint quality_model_version_status_check check (status in ('draft', 'published', 'retired')),
        constraint quality_model_version_model_key_number_key unique (model_key, number),
        constraint quality_model_version_copied_from_id_fkey foreign key (copied_from_id) references quality_model_version (id) on delete set null
      )`);
    // At most one published version per model: that is the one new visits use.
    await q.query(
      `create unique index quality_model_version_published_key on quality_model_version (model_key) where status = 'published'`,
    );

    await q.query(`
      create table quality_standard (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null,
        position integer not null,
        code text not null,
        title text not null,
        category text not null default '',
        purpose text not null default '',
        guidance text not null default '',
        weight double precision not null default 1,
        note text not null default '',
        version integer not null default 1,
        constraint quality_standard_version_id_code_key unique (version_id, code),
        constraint quality_standard_version_id_fkey foreign key (version_id) references quality_model_version (id) on delete cascade
      )`);

    await q.query(`
      create table quality_criterion (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null,
        standard_id uuid not null,
        position integer not null,
        code text not null,
        text text not null,
        guidance text not null default '',
        weight double precision not null default 1,
        note text not null default '',
        version integer not null default 1,
        constraint quality_criterion_version_id_code_key unique (version_id, code),
        constraint quality_criterion_version_id_fkey foreign key (version_id) references quality_model_version (id) on delete cascade,
        constraint quality_criterion_standard_id_fkey foreign key (standard_id) references quality_standard (id) on delete cascade
      )`);

    await q.query(`
      create table quality_indicator (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null,
        standard_id uuid not null,
        criterion_id uuid,
        position integer not null,
        code text not null,
        text text not null,
        guidance text not null default '',
        kind text,
        evidence text[] not null default '{}',
        facility_types text[] not null default '{}',
        weight double precision not null default 1,
        note text not null default '',
        version integer not null default 1,
        constraint quality_indicator_kind_check check (kind in ('guideline', 'practice', 'monitoring', 'improvement')),
        constraint quality_indicator_version_id_code_key unique (version_id, code),
        constraint quality_indicator_version_id_fkey foreign key (version_id) references quality_model_version (id) on delete cascade,
        constraint quality_indicator_standard_id_fkey foreign key (standard_id) references quality_standard (id) on delete cascade,
        constraint quality_indicator_criterion_id_fkey foreign key (criterion_id) references quality_criterion (id) on delete cascade
      )`);
    await q.query(`create index quality_standard_version_idx on quality_standard (version_id, position)`);
    await q.query(`create index quality_criterion_standard_idx on quality_criterion (standard_id, position)`);
    await q.query(`create index quality_indicator_standard_idx on quality_indicator (standard_id, position)`);
    await q.query(`create index quality_indicator_criterion_idx on quality_indicator (criterion_id)`);

    // Backstop for the service rules: published and retired versions are immutable and never deleted.
    await q.query(`
      create function quality_model_version_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if old.status <> 'draft' then
            raise exception 'quality_model_version %: a % version is never deleted', old.id, old.status using errcode = 'integrity_constraint_violation';
          end if;
          return old;
        end if;
        if old.status <> 'draft' and (
          (new.model_key, new.number, new.name, new.description, new.note, new.standard_label, new.scale, new.traffic_light, new.rollup)
          is distinct from
          (old.model_key, old.number, old.name, old.description, old.note, old.standard_label, old.scale, old.traffic_light, old.rollup)
          or new.status = 'draft' or (old.status = 'retired' and new.status <> 'retired')
        ) then
          raise exception 'quality_model_version %: a % version is immutable', old.id, old.status using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end $$`);
    await q.query(`
      create trigger quality_model_version_guard before update or delete on quality_model_version
      for each row execute function quality_model_version_guard()`);
    await q.query(`
      create function quality_model_content_guard() returns trigger language plpgsql as $$
      declare
        v_status text;
      begin
        -- during a cascade from deleting a draft version the version row is already gone (null)
        select status into v_status from quality_model_version
          where id = case when tg_op = 'DELETE' then old.version_id else new.version_id end;
        if v_status <> 'draft' then
          raise exception '%: the content of a % version is immutable', tg_table_name, v_status using errcode = 'integrity_constraint_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`);
    for (const table of ['quality_standard', 'quality_criterion', 'quality_indicator']) {
      await q.query(`
        create trigger ${table}_guard before insert or update or delete on ${table}
        for each row execute function quality_model_content_guard()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table quality_indicator`);
    await q.query(`drop table quality_criterion`);
    await q.query(`drop table quality_standard`);
    await q.query(`drop table quality_model_version`);
    await q.query(`drop function quality_model_content_guard()`);
    await q.query(`drop function quality_model_version_guard()`);
  }
}
