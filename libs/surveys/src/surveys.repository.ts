import { Injectable } from '@nestjs/common';
import { TransactionHost } from '#libs/database';
import type { Answers } from './survey-answers.js';
import { SurveyDraftEntity, SurveyLetterBatchEntity } from './survey-invitation.entity.js';
import type { ResponseRow } from './survey-results.js';
import { type QuestionnaireSnapshot, SurveyRoundEntity } from './survey-round.entity.js';
import type { ResponseMode, RoundStatus } from './vocabulary.js';

/** A round as listed: what to show and filter by, with its counts. */
export interface RoundSummary {
  id: string;
  facilityId: string;
  facilityName: string;
  questionnaireKey: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  invited: number;
  responded: number;
}

/** A code's invitation and the parts of its round that answering needs. */
export interface CodeInvitation {
  used: boolean;
  roundId: string;
  facilityId: string;
  status: RoundStatus;
  periodStart: string;
  periodEnd: string;
  questionnaire: QuestionnaireSnapshot;
}

@Injectable()
export class SurveysRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  createRound(r: Partial<SurveyRoundEntity>): Promise<SurveyRoundEntity> {
    const repo = this.m.getRepository(SurveyRoundEntity);
    return repo.save(repo.create(r));
  }

  saveRound(r: SurveyRoundEntity): Promise<SurveyRoundEntity> {
    return this.m.getRepository(SurveyRoundEntity).save(r);
  }

  /** The round, row-locked when `lock` so closing and printing serialise per round. */
  round(id: string, lock = false): Promise<SurveyRoundEntity | null> {
    const q = this.m.getRepository(SurveyRoundEntity).createQueryBuilder('r').where('r.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** The facilities' closed rounds: the ones whose results count in the scores. */
  closedRounds(facilityIds: string[]): Promise<SurveyRoundEntity[]> {
    return this.m
      .getRepository(SurveyRoundEntity)
      .createQueryBuilder('r')
      .where('r.facility_id = any(:facilityIds)', { facilityIds })
      .andWhere(`r.status = 'closed'`)
      .getMany();
  }

  /** Rounds with display fields; `facilityIds` limits them to what the caller may read. */
  list(where: { facilityIds?: string[]; facilityId?: string; ids?: string[] }): Promise<RoundSummary[]> {
    return this.m.query(
      `select r.id, r.facility_id as "facilityId", f.name as "facilityName", r.questionnaire_key as "questionnaireKey",
              r.questionnaire->>'title' as title, to_char(r.period_start, 'YYYY-MM-DD') as "periodStart",
              to_char(r.period_end, 'YYYY-MM-DD') as "periodEnd", r.status,
              (select count(*) from survey_invitation i where i.round_id = r.id)::int as invited,
              (select count(*) from survey_response s where s.round_id = r.id)::int as responded
         from survey_round r join facility f on f.id = r.facility_id
        where ($1::uuid[] is null or r.facility_id = any($1))
          and ($2::uuid is null or r.facility_id = $2)
          and ($3::uuid[] is null or r.id = any($3))
        order by r.period_start desc, f.name, r.id`,
      [where.facilityIds ?? null, where.facilityId ?? null, where.ids ?? null],
    );
  }

  /** Rounds of the facility with this questionnaire that started on or after `since`. */
  async roundsSince(facilityId: string, questionnaireKey: string, since: string): Promise<{ periodStart: string }[]> {
    return this.m.query(
      `select to_char(period_start, 'YYYY-MM-DD') as "periodStart" from survey_round
        where facility_id = $1 and questionnaire_key = $2 and period_start >= $3 order by period_start desc`,
      [facilityId, questionnaireKey, since],
    );
  }

  /** The facility's latest earlier round with the same questionnaire. */
  async previousRound(r: SurveyRoundEntity): Promise<SurveyRoundEntity | null> {
    return this.m
      .getRepository(SurveyRoundEntity)
      .createQueryBuilder('r')
      .where('r.facility_id = :f and r.questionnaire_key = :k and r.period_start < :start and r.id <> :id', {
        f: r.facilityId,
        k: r.questionnaireKey,
        start: r.periodStart,
        id: r.id,
      })
      .orderBy('r.period_start', 'DESC')
      .getOne();
  }

  /**
   * The region's comparison rounds: per facility the latest round with the same questionnaire that
   * overlaps the three years up to this round's end (one survey cycle), this round's own included.
   */
  async regionRoundIds(r: SurveyRoundEntity): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `select distinct on (facility_id) id from survey_round
        where questionnaire_key = $1 and period_start <= $2 and period_end >= ($2::date - interval '3 years')
        order by facility_id, period_start desc`,
      [r.questionnaireKey, r.periodEnd],
    );
    return rows.map((x) => x.id);
  }

  /** A new letters batch with its invitations (hash and place of each code), in the caller's transaction. */
  async insertBatch(
    b: Pick<SurveyLetterBatchEntity, 'id' | 'roundId' | 'count' | 'unit' | 'createdById' | 'createdByName'>,
    hashes: string[],
  ): Promise<SurveyLetterBatchEntity> {
    const repo = this.m.getRepository(SurveyLetterBatchEntity);
    const batch = await repo.save(repo.create(b));
    await this.m.query(
      `insert into survey_invitation (round_id, code_hash, unit, batch_id, position)
       select $1, h, $3, $4, n - 1 from unnest($2::text[]) with ordinality as t(h, n)`,
      [b.roundId, hashes, b.unit, batch.id],
    );
    return batch;
  }

  /** The round's letters batches, oldest first, with how many of each batch's codes are still unused. */
  letterBatches(roundId: string): Promise<(SurveyLetterBatchEntity & { unused: number })[]> {
    return this.m.query(
      `select b.id, b.round_id as "roundId", b.count, b.unit, b.created_by_id as "createdById",
              b.created_by_name as "createdByName", b.created_at as "createdAt", b.voided_at as "voidedAt",
              b.voided_by_id as "voidedById", b.voided_by_name as "voidedByName", b.void_reason as "voidReason",
              b.withdrawn,
              (select count(*) from survey_invitation i where i.batch_id = b.id and not i.used)::int as unused
         from survey_letter_batch b where b.round_id = $1 order by b.created_at, b.id`,
      [roundId],
    );
  }

  letterBatch(roundId: string, batchId: string, lock = false): Promise<SurveyLetterBatchEntity | null> {
    const q = this.m
      .getRepository(SurveyLetterBatchEntity)
      .createQueryBuilder('b')
      .where('b.id = :batchId and b.round_id = :roundId', { batchId, roundId });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** The places in the batch of its codes not used yet (a used code is not printed again). */
  async unusedPositions(batchId: string): Promise<number[]> {
    const rows: { position: number }[] = await this.m.query(
      `select position from survey_invitation where batch_id = $1 and not used order by position`,
      [batchId],
    );
    return rows.map((r) => r.position);
  }

  /** Withdraws the batch's unused codes (their drafts go with them) and marks it voided; returns how many. */
  async voidBatch(batchId: string, by: { id: string; name: string }, reason: string, at: Date): Promise<number> {
    const [, withdrawn]: [unknown, number] = await this.m.query(
      `delete from survey_invitation where batch_id = $1 and not used`,
      [batchId],
    );
    await this.m
      .getRepository(SurveyLetterBatchEntity)
      .update(
        { id: batchId },
        { voidedAt: at, voidedById: by.id, voidedByName: by.name, voidReason: reason, withdrawn },
      );
    return withdrawn;
  }

  async insertInvitations(roundId: string, hashes: string[], unit: string | null): Promise<void> {
    await this.m.query(
      `insert into survey_invitation (round_id, code_hash, unit) select $1, h, $3 from unnest($2::text[]) as h`,
      [roundId, hashes, unit],
    );
  }

  /**
   * Withdraws an unused code of the round: the row goes (its draft with it), so the code is unknown
   * from then on and no longer counts as invited. Returns whether it was found unused, used, or not
   * found in this round.
   */
  async cancelInvitation(roundId: string, codeHash: string): Promise<'cancelled' | 'used' | 'unknown'> {
    const [, deleted] = await this.m.query(
      `delete from survey_invitation where round_id = $1 and code_hash = $2 and not used`,
      [roundId, codeHash],
    );
    if (deleted) return 'cancelled';
    const [used] = await this.m.query(`select 1 from survey_invitation where round_id = $1 and code_hash = $2`, [
      roundId,
      codeHash,
    ]);
    return used ? 'used' : 'unknown';
  }

  /** The invitation behind a code hash with what answering needs of its round, in one query. */
  async invitation(codeHash: string): Promise<CodeInvitation | null> {
    const [row] = await this.m.query(
      `select i.used, r.id as "roundId", r.facility_id as "facilityId", r.status, to_char(r.period_start, 'YYYY-MM-DD') as "periodStart",
              to_char(r.period_end, 'YYYY-MM-DD') as "periodEnd", r.questionnaire
         from survey_invitation i join survey_round r on r.id = i.round_id where i.code_hash = $1`,
      [codeHash],
    );
    return row ?? null;
  }

  /**
   * Rewrites the round's used invitations in one statement, in the order of their random ids, so
   * they share this transaction's id and their order no longer reflects the order of use (see
   * survey-response.entity.ts). Serialised per round, so every submission committed before it is
   * included and two rewrites never deadlock.
   */
  async restampUsedInvitations(roundId: string): Promise<void> {
    await this.m.query(`select pg_advisory_xact_lock(hashtextextended('survey_invitation:' || $1, 0))`, [roundId]);
    await this.m.query(
      `with spent as (delete from survey_invitation where round_id = $1 and used returning id, round_id, code_hash, unit)
       insert into survey_invitation (id, round_id, code_hash, unit, used) select id, round_id, code_hash, unit, true from spent order by id`,
      [roundId],
    );
  }

  async draft(codeHash: string): Promise<Answers | null> {
    return (await this.m.getRepository(SurveyDraftEntity).findOneBy({ codeHash }))?.answers ?? null;
  }

  async saveDraft(codeHash: string, answers: Answers): Promise<void> {
    await this.m.query(
      `insert into survey_draft (code_hash, answers) values ($1, $2) on conflict (code_hash) do update set answers = excluded.answers`,
      [codeHash, JSON.stringify(answers)],
    );
  }

  async deleteDraft(codeHash: string): Promise<void> {
    await this.m.query(`delete from survey_draft where code_hash = $1`, [codeHash]);
  }

  /** Unsubmitted drafts die with the round: they were only ever a convenience. */
  async deleteDrafts(roundId: string): Promise<void> {
    await this.m.query(
      `delete from survey_draft d using survey_invitation i where i.code_hash = d.code_hash and i.round_id = $1`,
      [roundId],
    );
  }

  /**
   * A submission in one statement: spends the code (if unused and its round open today), stores a
   * response with a random id and its answers, and deletes the code's draft — all or nothing. False
   * when the code could not be spent; nothing is stored then.
   */
  async submitOnce(codeHash: string, today: string, mode: ResponseMode, answers: Answers): Promise<boolean> {
    const { text, values } = submissionStatement(codeHash, today, mode, answers);
    const [row] = await this.m.query(text, values);
    return row.spent > 0;
  }

  /** Every response of the rounds with its answers; in no meaningful order. */
  async responses(roundIds: string[]): Promise<(ResponseRow & { roundId: string })[]> {
    const rows: { roundId: string; mode: ResponseMode; unit: string | null; answers: Answers }[] = await this.m.query(
      `select r.round_id as "roundId", r.mode, r.unit,
              coalesce(jsonb_object_agg(a.question_code, jsonb_strip_nulls(jsonb_build_object('score', a.score, 'choice', a.choice, 'text', a.text)))
                       filter (where a.question_code is not null), '{}') as answers
         from survey_response r left join survey_answer a on a.response_id = r.id
        where r.round_id = any($1)
        group by r.id
        order by r.id`,
      [roundIds],
    );
    return rows;
  }
}

/**
 * The SQL of `submitOnce`, apart so the survey benchmark sends the very same statement bare. The
 * row lock of the update makes a concurrent second submit of the code wait and then find it used;
 * the shared lock on the round keeps it from being closed meanwhile.
 */
export function submissionStatement(codeHash: string, today: string, mode: ResponseMode, answers: Answers) {
  const entries = Object.entries(answers);
  return {
    text: `
      with spent as (
        update survey_invitation i set used = true, batch_id = null, position = null
         where i.code_hash = $1 and not i.used
           and exists (select 1 from survey_round r where r.id = i.round_id and r.status = 'open'
                          and $2::date between r.period_start and r.period_end for share)
        returning i.round_id, i.unit
      ),
      response as (insert into survey_response (round_id, mode, unit) select round_id, $3, unit from spent returning id),
      answered as (
        insert into survey_answer (response_id, question_code, score, choice, text)
        select response.id, a.* from response, unnest($4::text[], $5::smallint[], $6::text[], $7::text[]) as a
      ),
      draft as (delete from survey_draft where code_hash = $1 and exists (select 1 from spent))
      select count(*)::int as spent from spent`,
    values: [
      codeHash,
      today,
      mode,
      entries.map(([c]) => c),
      entries.map(([, a]) => a.score ?? null),
      entries.map(([, a]) => a.choice ?? null),
      entries.map(([, a]) => a.text ?? null),
    ],
  };
}
