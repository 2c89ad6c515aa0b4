import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction surveys: rounds per facility and period, single-use invitations kept as code
 * hashes, drafts against a code until submission, and anonymous responses with their answers.
 * Responses carry no invitation, code or time (see libs/surveys/src/survey-response.entity.ts).
 */
export class Surveys1795800000000 implements MigrationInterface {
  name = 'Surveys1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table survey_round (
        id uuid primary key default gen_random_uuid(),
        facility_id uuid not null,
        model_version_id uuid not null,
        questionnaire_key text not null,
        questionnaire jsonb not null,
        period_start date not null,
        period_end date not null,
        status text not null default 'open',
        created_by_id uuid not null,
        created_at timestamptz not null default now(),
        closed_at timestamptz,
        version integer not null default 1,
        constraint survey_round_status_check check (status in ('open', 'closed')),
        constraint survey_round_period_check check (period_end >= period_start),
        constraint survey_round_facility_id_fkey foreign key (facility_id) references facility (id),
        constraint survey_round_model_version_id_fkey foreign key (model_version_id) references quality_model_version (id),
        constraint survey_round_created_by_id_fkey foreign key (created_by_id) references app_user (id)
      )`);
    await q.query(`create index survey_round_facility_idx on survey_round (facility_id, period_start)`);

    await q.query(`
      create table survey_invitation (
        id uuid primary key default gen_random_uuid(),
        round_id uuid not null,
        code_hash text not null,
        unit text,
        used boolean not null default false,
        constraint survey_invitation_code_hash_key unique (code_hash),
        constraint survey_invitation_round_id_fkey foreign key (round_id) references survey_round (id) on delete cascade
      )`);
    await q.query(`create index survey_invitation_round_idx on survey_invitation (round_id)`);

    await q.query(`
      create table survey_draft (
        code_hash text primary key,
        answers jsonb not null,
        constraint survey_draft_code_hash_fkey foreign key (code_hash) references survey_invitation (code_hash) on delete cascade
      )`);

    await q.query(`
      create table survey_response (
        id uuid primary key default gen_random_uuid(),
        round_id uuid not null,
        mode text not null,
        unit text,
        constraint survey_response_mode_check check (mode in ('web', 'interview', 'paper')),
        constraint survey_response_round_id_fkey foreign key (round_id) references survey_round (id) on delete cascade
      )`);
    await q.query(`create index survey_response_round_idx on survey_response (round_id)`);

    await q.query(`
      create table survey_answer (
        response_id uuid not null,
        question_code text not null,
        score smallint,
        choice text,
        text text,
        primary key (response_id, question_code),
        constraint survey_answer_score_check check (score between 1 and 5),
        constraint survey_answer_choice_check check (choice in ('yes', 'no', 'dont_know')),
        constraint survey_answer_one_value_check check (num_nonnulls(score, choice, text) = 1),
        constraint survey_answer_response_id_fkey foreign key (response_id) references survey_response (id) on delete cascade
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table survey_answer`);
    await q.query(`drop table survey_response`);
    await q.query(`drop table survey_draft`);
    await q.query(`drop table survey_invitation`);
    await q.query(`drop table survey_round`);
  }
}
