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

/**
 * A follow-up plan owned by one facility or by a unit of the organisation tree above facilities (a
 * municipality's plan for all its residential services): free-standing (imported) or made from a
 * published visit's findings.
 */
@Entity('follow_up_plan')
@Index('follow_up_plan_facility_idx', ['facilityId'])
@Index('follow_up_plan_org_unit_idx', ['orgUnitId'])
@Unique('follow_up_plan_visit_id_key', ['visitId'])
@Check('follow_up_plan_owner_check', 'num_nonnulls(facility_id, org_unit_id) = 1')
export class FollowUpPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid', { nullable: true }) facilityId: string | null;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'follow_up_plan_facility_id_fkey' })
  facility?: object;

  @Column('uuid', { nullable: true }) orgUnitId: string | null;
  @ManyToOne('OrgUnitEntity')
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'follow_up_plan_org_unit_id_fkey' })
  orgUnit?: object;

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

/** One part of a split status: the status for one target group ("met for children, in progress for adults"). */
export interface StatusPart {
  group: string;
  statusId: string;
}

/**
 * A heading of a plan, nested to any depth (parent), numbered as written ("1.", "1.1", "1.1." or
 * none), with text of its own. It may hold one status for all its recommendations (statusId set;
 * its items then hold none); `position` is its place in the whole plan, headings in reading order.
 */
@Entity('follow_up_section')
@Index('follow_up_section_plan_idx', ['planId', 'position'])
export class FollowUpSectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') planId: string;
  @ManyToOne('FollowUpPlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'follow_up_section_plan_id_fkey' })
  plan?: object;

  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne('FollowUpSectionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'follow_up_section_parent_id_fkey' })
  parent?: object;

  @Column('text') number: string;
  @Column('text') title: string;
  @Column('text', { default: '' }) text: string;
  @Column('integer') position: number;

  /** Set when the section holds one status for all its recommendations. */
  @Column('uuid', { nullable: true }) statusId: string | null;
  @ManyToOne('FollowUpStatusEntity')
  @JoinColumn({ name: 'status_id', foreignKeyConstraintName: 'follow_up_section_status_id_fkey' })
  status?: object;

  @Column('jsonb', { nullable: true }) statusParts: StatusPart[] | null;
  @Column('text', { default: '' }) statusText: string;
  @Column('timestamptz', { nullable: true }) statusChangedAt: Date | null;

  @Column('uuid', { nullable: true }) statusChangedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({
    name: 'status_changed_by_id',
    foreignKeyConstraintName: 'follow_up_section_status_changed_by_id_fkey',
  })
  statusChangedBy?: object;

  @Column('timestamptz', { nullable: true }) doneSince: Date | null;

  /** Whose leaders write the status of this heading and its recommendations; none: the plan's facility's. */
  @Column('uuid', { nullable: true }) writerFacilityId: string | null;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'writer_facility_id', foreignKeyConstraintName: 'follow_up_section_writer_facility_id_fkey' })
  writerFacility?: object;

  @VersionColumn({ default: 1 }) version: number;
}
