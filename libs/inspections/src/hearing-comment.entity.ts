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
import type { HearingOutcome } from './vocabulary.js';

/**
 * One comment of a facility's høring answer, on a theme (standard) or on the whole draft, with an
 * optional file; region staff record what it led to (changed, or not changed and why).
 */
@Entity('hearing_comment')
@Index('hearing_comment_visit_idx', ['visitId'])
@Check('hearing_comment_outcome_check', `outcome in ('changed', 'not_changed')`)
export class HearingCommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'hearing_comment_visit_id_fkey' })
  visit?: object;

  /** The theme commented on; null for the draft as a whole. */
  @Column('uuid', { nullable: true }) standardId: string | null;
  @ManyToOne('QualityStandardEntity')
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'hearing_comment_standard_id_fkey' })
  standard?: object;

  @Column('text') text: string;
  @Column('text', { nullable: true }) fileName: string | null;
  @Column('text', { nullable: true }) contentType: string | null;
  @Column('integer', { nullable: true }) size: number | null;
  @Column('text', { nullable: true }) sha256: string | null;
  @Column('bytea', { nullable: true, select: false }) data: Buffer | null;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'hearing_comment_created_by_id_fkey' })
  createdBy?: object;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column('text', { nullable: true }) outcome: HearingOutcome | null;
  @Column('text', { default: '' }) outcomeReason: string;
  @Column('uuid', { nullable: true }) outcomeById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'outcome_by_id', foreignKeyConstraintName: 'hearing_comment_outcome_by_id_fkey' })
  outcomeBy?: object;
  @Column('timestamptz', { nullable: true }) outcomeAt: Date | null;
  @VersionColumn({ default: 1 }) version: number;
}
