import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';

/** Notes from a focus group on a visit, bound to the indicators they inform. Never names residents. */
@Entity('focus_group_note')
export class FocusGroupNoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'focus_group_note_visit_id_fkey' })
  visit?: object;

  /** Who took part, by role ("4 medarbejdere, 2 beboere"), never by name. */
  @Column('text', { default: '' }) participants: string;
  @Column('text') text: string;
  @Column('uuid', { array: true, default: () => "'{}'" }) indicatorIds: string[];

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'focus_group_note_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
