import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_STATUSES = `'draft', 'returned', 'submitted', 'approved', 'published', 'cancelled'`;
const NEW_STATUSES = `'draft', 'returned', 'submitted', 'approved', 'in_hearing', 'hearing_answered', 'published', 'cancelled'`;

/** The version guard of 1795500000000, with or without the justification threshold among the frozen columns. */
const versionGuard = (frozen: string) => `
  create or replace function quality_model_version_guard() returns trigger language plpgsql as $$
  begin
    if tg_op = 'DELETE' then
      if old.status <> 'draft' then
        raise exception 'quality_model_version %: a % version is never deleted', old.id, old.status using errcode = 'integrity_constraint_violation';
      end if;
      return old;
    end if;
    if old.status <> 'draft' and (
      (${frozen.replaceAll('$', 'new.')})
      is distinct from
      (${frozen.replaceAll('$', 'old.')})
      or new.status = 'draft' or (old.status = 'retired' and new.status <> 'retired')
    ) then
      raise exception 'quality_model_version %: a % version is immutable', old.id, old.status using errcode = 'integrity_constraint_violation';
    end if;
    return new;
  end $$`;
const FROZEN = '$model_key, $number, $name, $description, $note, $standard_label, $scale, $traffic_light, $rollup';

/**
 * The Danish tilsyn workflow: partshøring between approval and publication (deadline, the
 * facility's comments with what each led to, a reason when published early), unannounced visits
 * scoped to chosen themes, and the quality model's threshold at or below which a rating needs a
 * justification (existing models: the highest level below yellow, e.g. 2 "I lav grad" on 1–5).
 */
export class TilsynWorkflow1796289712119 implements MigrationInterface {
  name = 'TilsynWorkflow1796289712119';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table visit drop constraint visit_status_check`);
    await q.query(`alter table visit add constraint visit_status_check check (status in (${NEW_STATUSES}))`);
    await q.query(`
      alter table visit
        add column theme_ids uuid[] not null default '{}',
        add column hearing_deadline date,
        add column hearing_sent_at timestamptz,
        add column hearing_sent_by_id uuid,
        add column hearing_answered_at timestamptz,
        add column publish_reason text not null default '',
        add constraint visit_hearing_sent_by_id_fkey foreign key (hearing_sent_by_id) references app_user (id)`);

    await q.query(`
      create table hearing_comment (
        id uuid primary key default gen_random_uuid(),
        visit_id uuid not null,
        standard_id uuid,
        text text not null,
        file_name text,
        content_type text,
        size integer,
        sha256 text,
        data bytea,
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        outcome text,
        outcome_reason text not null default '',
        outcome_by_id uuid,
        outcome_at timestamptz,
        version integer not null default 1,
        constraint hearing_comment_outcome_check check (outcome in ('changed', 'not_changed')),
        constraint hearing_comment_visit_id_fkey foreign key (visit_id) references visit (id) on delete cascade,
        constraint hearing_comment_standard_id_fkey foreign key (standard_id) references quality_standard (id),
        constraint hearing_comment_created_by_id_fkey foreign key (created_by_id) references app_user (id),
        constraint hearing_comment_outcome_by_id_fkey foreign key (outcome_by_id) references app_user (id)
      )`);
    await q.query(`create index hearing_comment_visit_idx on hearing_comment (visit_id)`);

    await q.query(`alter table quality_model_version add column justify_at_or_below double precision`);
    // the highest level below yellow; with none, only "Ikke relevant" needs a justification
    await q.query(`
      update quality_model_version v set justify_at_or_below = coalesce(
        (select max((l->>'value')::double precision) from jsonb_array_elements(v.scale->'levels') l
          where (l->>'value')::double precision < (v.traffic_light->>'yellow')::double precision),
        (select min((l->>'value')::double precision) from jsonb_array_elements(v.scale->'levels') l) - 1)`);
    await q.query(`alter table quality_model_version alter column justify_at_or_below set not null`);
    await q.query(versionGuard(`${FROZEN}, $justify_at_or_below`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(versionGuard(FROZEN));
    await q.query(`alter table quality_model_version drop column justify_at_or_below`);
    await q.query(`drop table hearing_comment`);
    await q.query(`
      alter table visit
        drop column theme_ids,
        drop column hearing_deadline,
        drop column hearing_sent_at,
        drop column hearing_sent_by_id,
        drop column hearing_answered_at,
        drop column publish_reason`);
    // Without høring an approved draft waits for publication, as before.
    await q.query(`alter table visit drop constraint visit_status_check`);
    await q.query(`update visit set status = 'approved' where status in ('in_hearing', 'hearing_answered')`);
    await q.query(`alter table visit add constraint visit_status_check check (status in (${OLD_STATUSES}))`);
  }
}
