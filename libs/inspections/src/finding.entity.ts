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
import type { FindingKind } from './vocabulary.js';

/** A development point, recommendation or order (påbud) from a visit, linked to indicators. */
@Entity('finding')
@Index('finding_visit_idx', ['visitId'])
@Check('finding_kind_check', `kind in ('development_point', 'recommendation', 'order')`)
@Check('finding_order_deadline_check', `kind <> 'order' or deadline is not null`)
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'finding_visit_id_fkey' })
  visit?: object;

  @Column('text') kind: FindingKind;
  @Column('text') text: string;
  /** Who at the facility is responsible for acting on it (a role or a name of staff, not a resident). */
  @Column('text', { default: '' }) owner: string;
  @Column('date', { nullable: true }) deadline: string | null;
  @Column('uuid', { array: true, default: () => "'{}'" }) indicatorIds: string[];

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'finding_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
