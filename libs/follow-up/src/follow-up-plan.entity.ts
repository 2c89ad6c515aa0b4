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

/** A follow-up plan of one facility: free-standing (imported) or made from a published visit's findings. */
@Entity('follow_up_plan')
@Index('follow_up_plan_facility_idx', ['facilityId'])
@Unique('follow_up_plan_visit_id_key', ['visitId'])
export class FollowUpPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') facilityId: string;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'follow_up_plan_facility_id_fkey' })
  facility?: object;

  @Column('text') title: string;

  @Column('uuid', { nullable: true }) visitId: string | null;
  @ManyToOne('VisitEntity')
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'follow_up_plan_visit_id_fkey' })
  visit?: object;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'follow_up_plan_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}

/** A numbered section of a plan, e.g. "1.1 Fysiske rammer". */
@Entity('follow_up_section')
@Unique('follow_up_section_plan_number_key', ['planId', 'number'])
export class FollowUpSectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') planId: string;
  @ManyToOne('FollowUpPlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'follow_up_section_plan_id_fkey' })
  plan?: object;

  @Column('text') number: string;
  @Column('text') title: string;
  @Column('integer') position: number;
}
