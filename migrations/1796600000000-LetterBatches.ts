import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survey letters as recorded batches: how many codes, for which unit, when and by whom; a batch can
 * be printed again (its codes are derived from the app's secret, the batch and the letter's place,
 * never stored) or voided (its unused codes withdrawn). Existing invitations belong to no batch and
 * stay as they are.
 */
export class LetterBatches1796600000000 implements MigrationInterface {
  name = 'LetterBatches1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table survey_letter_batch (
        id uuid primary key default gen_random_uuid(),
        round_id uuid not null,
        count integer not null,
        unit text,
        created_by_id uuid not null,
        created_by_name text not null,
        created_at timestamptz not null default now(),
        voided_at timestamptz,
        voided_by_id uuid,
        voided_by_name text not null default '',
        void_reason text not null default '',
        withdrawn integer not null default 0,
        constraint survey_letter_batch_count_check check (count > 0),
        constraint survey_letter_batch_round_id_fkey foreign key (round_id) references survey_round (id) on delete cascade,
        constraint survey_letter_batch_created_by_id_fkey foreign key (created_by_id) references app_user (id),
        constraint survey_letter_batch_voided_by_id_fkey foreign key (voided_by_id) references app_user (id)
      )`);
    await q.query(`create index survey_letter_batch_round_idx on survey_letter_batch (round_id)`);
    await q.query(`alter table survey_invitation add column batch_id uuid, add column position integer`);
    await q.query(
      `alter table survey_invitation add constraint survey_invitation_batch_id_fkey foreign key (batch_id) references survey_letter_batch (id) on delete set null`,
    );
    await q.query(
      `alter table survey_invitation add constraint survey_invitation_batch_id_position_key unique (batch_id, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table survey_invitation drop constraint survey_invitation_batch_id_position_key`);
    await q.query(`alter table survey_invitation drop constraint survey_invitation_batch_id_fkey`);
    await q.query(`alter table survey_invitation drop column position, drop column batch_id`);
    await q.query(`drop table survey_letter_batch`);
  }
}
