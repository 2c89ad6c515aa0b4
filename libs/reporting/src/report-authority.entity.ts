import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * The authority that issues the reports (the region's tilsyn): name, address, contact and logo,
 * set once by region staff and printed on every report. One row (id 1).
 */
@Entity('report_authority')
@Check('report_authority_single_check', 'id = 1')
export class ReportAuthorityEntity {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'report_authority_pkey' }) id: number;
  @Column('text') name: string;
  @Column('text', { default: '' }) address: string;
  /** Phone, e-mail, web: as printed, one per line. */
  @Column('text', { default: '' }) contact: string;
  @Column('bytea', { nullable: true, select: false }) logo: Buffer | null;
  @Column('text', { nullable: true }) logoType: string | null;
  @Column('uuid', { nullable: true }) updatedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'report_authority_updated_by_id_fkey' })
  updatedBy?: object;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ default: 1 }) version: number;
}
