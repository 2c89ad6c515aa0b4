import {
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

/** One recommendation or order to follow up, with its current status; the history is in FollowUpEntryEntity. */
@Entity('follow_up_item')
@Unique('follow_up_item_section_number_key', ['sectionId', 'number'])
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

  @Column('uuid') statusId: string;
  @ManyToOne('FollowUpStatusEntity')
  @JoinColumn({ name: 'status_id', foreignKeyConstraintName: 'follow_up_item_status_id_fkey' })
  status?: object;

  @Column('text', { default: '' }) statusText: string;
  @Column('timestamptz', { nullable: true }) statusChangedAt: Date | null;

  @Column('uuid', { nullable: true }) statusChangedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'status_changed_by_id', foreignKeyConstraintName: 'follow_up_item_status_changed_by_id_fkey' })
  statusChangedBy?: object;

  /** When the status last became a "done" one; null while not done. Decides report inclusion. */
  @Column('timestamptz', { nullable: true }) doneSince: Date | null;
  @VersionColumn({ default: 1 }) version: number;
}

/** One status report on a recommendation: who wrote which status and text, when. */
@Entity('follow_up_entry')
@Index('follow_up_entry_item_idx', ['itemId', 'createdAt'])
export class FollowUpEntryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') itemId: string;
  @ManyToOne('FollowUpItemEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'follow_up_entry_item_id_fkey' })
  item?: object;

  @Column('uuid') statusId: string;
  @ManyToOne('FollowUpStatusEntity')
  @JoinColumn({ name: 'status_id', foreignKeyConstraintName: 'follow_up_entry_status_id_fkey' })
  status?: object;

  @Column('text') text: string;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'follow_up_entry_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
