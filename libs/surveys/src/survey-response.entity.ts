import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Choice, ResponseMode } from './vocabulary.js';

/*
 * Anonymity by design. A code proves the right to answer once; after submission nothing in the
 * database leads from a code (or invitation) to the answers:
 * - survey_response has no invitation id, no code hash and no timestamp; its id is random
 *   (gen_random_uuid), so neither id order nor time can be matched with anything.
 * - survey_invitation keeps only the code's hash and a used flag: no time of use.
 * - Marking the code used and storing the answers happen in one transaction (so a code can never
 *   give two submissions nor be spent without answers). PostgreSQL stamps every row a transaction
 *   writes with that transaction's id (the xmin system column), and places rewritten rows in the
 *   order they are written: either would pair an invitation with its response. So after each
 *   submission a restamp (RestampSchedule: right after a quiet spell, else within about a second)
 *   rewrites all used invitations of the round in one later transaction, ordered by their random
 *   id: they then share one xmin, and their physical order no longer follows the order of use.
 * - Drafts are kept against the code hash only until submission and deleted in the submitting
 *   transaction. Codes never appear in URLs (the letter's QR link carries the code in the #fragment,
 *   which browsers do not send), so request logs cannot tie a code to a time either.
 * - The audit trail records rounds, invitations printed, closing and exports, never a submission.
 * What remains is inherent: someone watching the live database while a single person answers can
 * see which code became used. Results are therefore shown only from MIN_RESPONDENTS answers up.
 */

/** One anonymous submission. */
@Entity('survey_response')
@Index('survey_response_round_idx', ['roundId'])
@Check('survey_response_mode_check', `mode in ('web', 'interview', 'paper')`)
export class SurveyResponseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') roundId: string;
  @ManyToOne('SurveyRoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'survey_response_round_id_fkey' })
  round?: object;

  @Column('text') mode: ResponseMode;
  @Column('text', { nullable: true }) unit: string | null;
}

/** One answer of a submission: a smiley, a choice, or a text. */
@Entity('survey_answer')
@Check('survey_answer_score_check', `score between 1 and 5`)
@Check('survey_answer_choice_check', `choice in ('yes', 'no', 'dont_know')`)
@Check('survey_answer_one_value_check', `num_nonnulls(score, choice, text) = 1`)
export class SurveyAnswerEntity {
  @PrimaryColumn('uuid') responseId: string;
  @ManyToOne('SurveyResponseEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'survey_answer_response_id_fkey' })
  response?: object;

  @PrimaryColumn('text') questionCode: string;
  @Column('smallint', { nullable: true }) score: number | null;
  @Column('text', { nullable: true }) choice: Choice | null;
  @Column('text', { nullable: true }) text: string | null;
}
