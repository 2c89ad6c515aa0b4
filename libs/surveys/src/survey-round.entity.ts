import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import type { Questionnaire } from './questionnaire.js';
import type { RoundQuestion } from './survey-results.js';
import type { RoundStatus } from './vocabulary.js';

/**
 * The questionnaire as it was when the round started, its questions' indicators resolved in the
 * round's model version; later template changes leave the round alone.
 */
export type QuestionnaireSnapshot = Omit<Questionnaire, 'questions'> & { questions: RoundQuestion[] };

/** One satisfaction survey (tilfredshedsundersøgelse) of one facility in one period. */
@Entity('survey_round')
@Index('survey_round_facility_idx', ['facilityId', 'periodStart'])
@Check('survey_round_status_check', `status in ('open', 'closed')`)
@Check('survey_round_period_check', `period_end >= period_start`)
export class SurveyRoundEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') facilityId: string;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'survey_round_facility_id_fkey' })
  facility?: object;

  /** The published model version whose indicators the questions were resolved against. */
  @Column('uuid') modelVersionId: string;
  @ManyToOne('QualityModelVersionEntity')
  @JoinColumn({ name: 'model_version_id', foreignKeyConstraintName: 'survey_round_model_version_id_fkey' })
  modelVersion?: object;

  @Column('text') questionnaireKey: string;
  @Column('jsonb') questionnaire: QuestionnaireSnapshot;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('text', { default: 'open' }) status: RoundStatus;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'survey_round_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @VersionColumn({ default: 1 }) version: number;
}
