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

/** A facility's development agreement (udviklingsaftale) for one year. */
@Entity('development_agreement')
@Unique('development_agreement_facility_year_key', ['facilityId', 'year'])
export class DevelopmentAgreementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') facilityId: string;
  @ManyToOne('FacilityEntity')
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'development_agreement_facility_id_fkey' })
  facility?: object;

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
export class DevelopmentActivityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') agreementId: string;
  @ManyToOne('DevelopmentAgreementEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'development_activity_agreement_id_fkey' })
  agreement?: object;

  @Column('text') theme: string;
  @Column('text') goal: string;
  @Column('text') activity: string;
  @Column('integer') position: number;
  @Column('text', { default: '' }) statusText: string;
  @VersionColumn({ default: 1 }) version: number;
}
