import {
  Column,
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
