import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';
import type { TemplateStatus } from './vocabulary.js';

/** A report-template version uploaded by region staff: checked on upload, previewed as a draft, then activated. */
@Entity('report_template')
@Unique('report_template_number_key', ['number'])
@Check('report_template_status_check', `status in ('draft', 'active', 'retired')`)
export class ReportTemplateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** 1, 2, 3 … in upload order. */
  @Column('integer') number: number;
  @Column('text') name: string;
  @Column('text') source: string;
  @Column('text') sha256: string;
  @Column('text', { default: 'draft' }) status: TemplateStatus;

  @Column('uuid') createdById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'report_template_created_by_id_fkey' })
  createdBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) activatedAt: Date | null;
  @Column('timestamptz', { nullable: true }) retiredAt: Date | null;
  @VersionColumn({ default: 1 }) version: number;
}
