import { Check, Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A kind of service with its legal basis and how often it must be visited. */
@Entity('facility_type')
@Check('facility_type_min_announced_check', 'min_announced >= 0')
@Check('facility_type_min_unannounced_check', 'min_unannounced >= 0')
@Check('facility_type_window_months_check', 'window_months between 1 and 60')
export class FacilityTypeEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  legalBasis: string;

  /** Announced visits required within `windowMonths`. */
  @Column('integer', { default: 1 })
  minAnnounced: number;

  @Column('integer', { default: 1 })
  minUnannounced: number;

  @Column('integer', { default: 12 })
  windowMonths: number;

  @VersionColumn({ default: 1 })
  version: number;
}
