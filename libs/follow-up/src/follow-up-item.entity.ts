import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';

import type { StatusPart } from './follow-up-plan.entity.js';

/**
 * One recommendation or order to follow up (numbered as written, or not at all), with its current
 * status unless its section holds the status for all its items; the history is in FollowUpEntryEntity.
 */
@Entity('follow_up_item')
@Index('follow_up_item_section_idx', ['sectionId', 'position'])
@Unique('follow_up_item_finding_id_key', ['findingId'])
@Index('follow_up_item_deadline_idx', ['deadline'])
export class FollowUpItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') sectionId: string;
  @ManyToOne('FollowUpSectionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'follow_up_item_section_id_fkey' })
  section?: object;

  @Column('text') number: string;
  @Column('integer') position: number;
  @Column('text') text: string;
  @Column('text', { default: '' }) owner: string;
  @Column('date', { nullable: true }) deadline: string | null;

  /** Set when the recommendation came from a visit's finding. */
  @Column('uuid', { nullable: true }) findingId: string | null;
  @ManyToOne('FindingEntity')
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'follow_up_item_finding_id_fkey' })
  finding?: object;

  /** Null when the section holds the status. */
  @Column('uuid', { nullable: true }) statusId: string | null;
  @ManyToOne('FollowUpStatusEntity')
  @JoinColumn({ name: 'status_id', foreignKeyConstraintName: 'follow_up_item_status_id_fkey' })
  status?: object;

  @Column('jsonb', { nullable: true }) statusParts: StatusPart[] | null;
  @Column('text', { default: '' }) statusText: string;
  @Column('timestamptz', { nullable: true }) statusChangedAt: Date | null;

  @Column('uuid', { nullable: true }) statusChangedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'status_changed_by_id', foreignKeyConstraintName: 'follow_up_item_status_changed_by_id_fkey' })
  statusChangedBy?: object;

  /** When the status last became a "done" one; null while not done. Decides report inclusion. */
  @Column('timestamptz', { nullable: true }) doneSince: Date | null;

  /** Whose leaders write this recommendation's status; none: its heading's writer, else the plan's facility's. */
  @Column('uuid', { nullable: true }) writerFacilityId: string | null;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'writer_facility_id', foreignKeyConstraintName: 'follow_up_item_writer_facility_id_fkey' })
  writerFacility?: object;
  @VersionColumn({ default: 1 }) version: number;
}

/** One status report on a recommendation or on a section holding the status: who wrote which status and text, when. */
@Entity('follow_up_entry')
@Index('follow_up_entry_item_idx', ['itemId', 'createdAt'])
@Index('follow_up_entry_section_idx', ['sectionId', 'createdAt'])
@Check('follow_up_entry_one_holder_check', 'num_nonnulls(item_id, section_id) = 1')
export class FollowUpEntryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid', { nullable: true }) itemId: string | null;
  @ManyToOne('FollowUpItemEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'follow_up_entry_item_id_fkey' })
  item?: object;

  @Column('uuid', { nullable: true }) sectionId: string | null;
  @ManyToOne('FollowUpSectionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'follow_up_entry_section_id_fkey' })
  section?: object;

  @Column('uuid') statusId: string;
  @ManyToOne('FollowUpStatusEntity')
  @JoinColumn({ name: 'status_id', foreignKeyConstraintName: 'follow_up_entry_status_id_fkey' })
  status?: object;

  @Column('jsonb', { nullable: true }) parts: StatusPart[] | null;
  @Column('text') text: string;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'follow_up_entry_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
