import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The inspector's written assessment of one theme (standard) of a visit, printed in the report beside its score. */
@Entity('visit_theme_assessment')
export class VisitThemeAssessmentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'visit_theme_assessment_pkey' }) visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'visit_theme_assessment_visit_id_fkey' })
  visit?: object;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'visit_theme_assessment_pkey' }) standardId: string;
  @ManyToOne('QualityStandardEntity')
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'visit_theme_assessment_standard_id_fkey' })
  standard?: object;

  @Column('text') text: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
