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
import type { VisitKind, VisitStatus } from './vocabulary.js';

/** One inspection visit (tilsynsbesøg) of a facility, rated against one exact model version. */
@Entity('visit')
@Index('visit_facility_idx', ['facilityId', 'plannedDate'])
@Check('visit_kind_check', `kind in ('announced', 'unannounced')`)
@Check(
  'visit_status_check',
  `status in ('draft', 'returned', 'submitted', 'approved', 'in_hearing', 'hearing_answered', 'published', 'cancelled')`,
)
export class VisitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') facilityId: string;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'visit_facility_id_fkey' })
  facility?: object;

  @Column('uuid') modelVersionId: string;
  @ManyToOne('QualityModelVersionEntity')
  @JoinColumn({ name: 'model_version_id', foreignKeyConstraintName: 'visit_model_version_id_fkey' })
  modelVersion?: object;

  @Column('text') kind: VisitKind;
  /** A calendar date (YYYY-MM-DD); no time zone games. */
  @Column('date') plannedDate: string;
  @Column('text', { default: 'draft' }) status: VisitStatus;
  /** Method and sources in the inspectors' words, for the report. */
  @Column('text', { default: '' }) method: string;
  @Column('text', { default: '' }) returnComment: string;
  /** The inspector's written overall assessment and conclusion, for the report; required before submitting. */
  @Column('text', { default: '' }) overallAssessment: string;
  /** An unannounced visit may cover chosen themes (standard ids) only; empty means the whole model. */
  @Column('uuid', { array: true, default: () => "'{}'" }) themeIds: string[];

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'visit_created_by_id_fkey' })
  createdBy?: object;

  @Column('uuid', { nullable: true }) submittedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'visit_submitted_by_id_fkey' })
  submittedBy?: object;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;

  @Column('uuid', { nullable: true }) approvedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'approved_by_id', foreignKeyConstraintName: 'visit_approved_by_id_fkey' })
  approvedBy?: object;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;

  /** Partshøring: sent to the facility by region staff with a deadline; answered by its leader. */
  @Column('date', { nullable: true }) hearingDeadline: string | null;
  @Column('timestamptz', { nullable: true }) hearingSentAt: Date | null;
  @Column('uuid', { nullable: true }) hearingSentById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'hearing_sent_by_id', foreignKeyConstraintName: 'visit_hearing_sent_by_id_fkey' })
  hearingSentBy?: object;
  @Column('timestamptz', { nullable: true }) hearingAnsweredAt: Date | null;

  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  /** Why it was published before the høring deadline without an answer; empty otherwise. */
  @Column('text', { default: '' }) publishReason: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
