import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Assessment } from './vocabulary.js';

/** The inspectors' assessment of one indicator on one visit; autosaved, optimistically locked. */
@Entity('visit_answer')
@Unique('visit_answer_visit_id_indicator_id_key', ['visitId', 'indicatorId'])
@Check('visit_answer_assessment_check', `assessment in ('rated', 'not_relevant', 'not_assessed')`)
@Check('visit_answer_rating_check', `(assessment = 'rated') = (rating is not null)`)
export class VisitAnswerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'visit_answer_visit_id_fkey' })
  visit?: object;

  @Column('uuid') indicatorId: string;
  @ManyToOne('QualityIndicatorEntity')
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'visit_answer_indicator_id_fkey' })
  indicator?: object;

  @Column('text') assessment: Assessment;
  @Column('integer', { nullable: true }) rating: number | null;
  @Column('text', { default: '' }) justification: string;

  @Column('uuid') updatedById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'visit_answer_updated_by_id_fkey' })
  updatedBy?: object;

  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
