import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { FacilityTypeEntity } from './facility-type.entity.js';

/** A social service (tilbud) under supervision. Leaders are kept in facility_leader. */
@Entity('facility')
@Index('facility_org_unit_idx', ['orgUnitId'])
@Check('facility_places_check', 'places >= 0')
export class FacilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  address: string;

  @Column('text', { default: '' })
  municipality: string;

  @Column('text')
  typeCode: string;

  @ManyToOne(() => FacilityTypeEntity, { eager: true })
  @JoinColumn({ name: 'type_code', foreignKeyConstraintName: 'facility_type_code_fkey' })
  type: FacilityTypeEntity;

  @Column('text', { array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column('integer', { nullable: true })
  places: number | null;

  /** Units/departments (afdelinger) within the facility. */
  @Column('text', { array: true, default: () => "'{}'" })
  units: string[];

  /** Where the facility sits in the organisation tree (a centre, an administration, a municipality). */
  @Column('uuid', { nullable: true })
  orgUnitId: string | null;

  @ManyToOne('OrgUnitEntity')
  @JoinColumn({ name: 'org_unit_id', foreignKeyConstraintName: 'facility_org_unit_id_fkey' })
  orgUnit?: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
