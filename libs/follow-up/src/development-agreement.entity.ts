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

/** The status categories of an activity, in the order of the list. */
export const ACTIVITY_CATEGORIES = [
  'ikke påbegyndt',
  'i gang',
  'delvist realiseret',
  'realiseret',
  'fravalgt',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/**
 * A development agreement (udviklingsaftale) for one year, owned by a facility or by a unit of the
 * organisation tree; several per owner and year when named differently.
 */
@Entity('development_agreement')
@Unique('development_agreement_facility_year_name_key', ['facilityId', 'year', 'name'])
@Unique('development_agreement_org_unit_year_name_key', ['orgUnitId', 'year', 'name'])
@Check('development_agreement_owner_check', 'num_nonnulls(facility_id, org_unit_id) = 1')
export class DevelopmentAgreementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid', { nullable: true }) facilityId: string | null;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'development_agreement_facility_id_fkey' })
  facility?: object;

  @Column('uuid', { nullable: true }) orgUnitId: string | null;
  @ManyToOne('OrgUnitEntity')
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'development_agreement_org_unit_id_fkey' })
  orgUnit?: object;

  @Column('text', { default: '' }) name: string;

  @Column('integer') year: number;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'development_agreement_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * One activity under a goal under a theme, with the facility's status text. Theme and goal are kept
 * on the activity (grouped for display), so an agreement is a plain ordered list.
 */
@Entity('development_activity')
@Index('development_activity_agreement_idx', ['agreementId', 'position'])
@Check(
  'development_activity_status_category_check',
  `status_category in ('ikke påbegyndt', 'i gang', 'delvist realiseret', 'realiseret', 'fravalgt')`,
)
export class DevelopmentActivityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') agreementId: string;
  @ManyToOne('DevelopmentAgreementEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'development_activity_agreement_id_fkey' })
  agreement?: object;

  /** A level above theme ("Byrådets vision", "Udvalgets egne mål"), with its own number as written. */
  @Column('text', { default: '' }) groupTitle: string;
  @Column('text', { default: '' }) groupNumber: string;
  @Column('text', { default: '' }) themeNumber: string;
  @Column('text') theme: string;
  @Column('text', { default: '' }) goalNumber: string;
  @Column('text') goal: string;
  @Column('text', { default: '' }) number: string;
  @Column('text') activity: string;
  @Column('integer') position: number;
  @Column('text', { nullable: true }) statusCategory: ActivityCategory | null;
  @Column('text', { default: '' }) statusText: string;
  @VersionColumn({ default: 1 }) version: number;
}

/** One status written on an activity: its category and text, who and when. */
@Entity('development_activity_entry')
@Index('development_activity_entry_activity_idx', ['activityId', 'createdAt'])
export class DevelopmentActivityEntryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') activityId: string;
  @ManyToOne('DevelopmentActivityEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'development_activity_entry_activity_id_fkey' })
  activity?: object;

  @Column('text', { nullable: true }) statusCategory: ActivityCategory | null;
  @Column('text') text: string;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'development_activity_entry_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
