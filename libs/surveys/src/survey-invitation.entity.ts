import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Answers } from './survey-answers.js';

/**
 * A single-use invitation. Only the hash of its code is kept, with a used flag: no time, no order,
 * nothing pointing at the answers given with it (see survey-response.entity.ts).
 */
@Entity('survey_invitation')
@Index('survey_invitation_round_idx', ['roundId'])
@Unique('survey_invitation_code_hash_key', ['codeHash'])
@Unique('survey_invitation_batch_id_position_key', ['batchId', 'position'])
export class SurveyInvitationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') roundId: string;
  @ManyToOne('SurveyRoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'survey_invitation_round_id_fkey' })
  round?: object;

  @Column('text') codeHash: string;
  /** The unit (afdeling) the letter was printed for, if any; carried onto the response. */
  @Column('text', { nullable: true }) unit: string | null;
  @Column('boolean', { default: false }) used: boolean;
  /**
   * The letters batch that printed the code, and the letter's place in it (its code is derived from
   * both); both are cleared when the code is used, so which letter was answered is not kept.
   */
  @Column('uuid', { nullable: true }) batchId: string | null;
  @ManyToOne('SurveyLetterBatchEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'survey_invitation_batch_id_fkey' })
  batch?: object;
  @Column('integer', { nullable: true }) position: number | null;
}

/**
 * A batch of letters: how many codes were made, for which unit, when and by whom. Its codes are
 * never stored; they are derived again to print the batch again. Voiding withdraws its unused codes.
 */
@Entity('survey_letter_batch')
@Index('survey_letter_batch_round_idx', ['roundId'])
@Check('survey_letter_batch_count_check', 'count > 0')
export class SurveyLetterBatchEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') roundId: string;
  @ManyToOne('SurveyRoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'survey_letter_batch_round_id_fkey' })
  round?: object;

  @Column('integer') count: number;
  @Column('text', { nullable: true }) unit: string | null;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'survey_letter_batch_created_by_id_fkey' })
  createdBy?: object;
  @Column('text') createdByName: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column('timestamptz', { nullable: true }) voidedAt: Date | null;
  @Column('uuid', { nullable: true }) voidedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'voided_by_id', foreignKeyConstraintName: 'survey_letter_batch_voided_by_id_fkey' })
  voidedBy?: object;
  @Column('text', { default: '' }) voidedByName: string;
  @Column('text', { default: '' }) voidReason: string;
  /** Unused codes withdrawn when the batch was voided. */
  @Column('integer', { default: 0 }) withdrawn: number;
}

/** Answers saved so far with a code not yet used; deleted in the transaction that submits them. */
@Entity('survey_draft')
export class SurveyDraftEntity {
  @PrimaryColumn('text') codeHash: string;
  @OneToOne('SurveyInvitationEntity', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'code_hash',
    referencedColumnName: 'codeHash',
    foreignKeyConstraintName: 'survey_draft_code_hash_fkey',
  })
  invitation?: object;

  @Column('jsonb') answers: Answers;
}
