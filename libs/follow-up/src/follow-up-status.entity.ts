import { Column, Entity, PrimaryGeneratedColumn, Unique, VersionColumn } from 'typeorm';

/** One step of the follow-up status list region staff keep (ikke påbegyndt … imødekommet). */
@Entity('follow_up_status')
@Unique('follow_up_status_label_key', ['label'])
export class FollowUpStatusEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') label: string;
  @Column('integer') position: number;
  /** Counts as met: shown once more in the next status report, then left out. */
  @Column('boolean', { default: false }) done: boolean;
  /** Retired statuses stay on old history but cannot be chosen. */
  @Column('boolean', { default: true }) active: boolean;
  @VersionColumn({ default: 1 }) version: number;
}
