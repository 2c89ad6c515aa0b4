import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportStatus } from './vocabulary.js';

/** One generated (or queued) report of a published visit; its files are in report_file. */
@Entity('report')
@Index('report_visit_idx', ['visitId', 'createdAt'])
@Index('report_batch_idx', ['batchId', 'status'])
@Check('report_status_check', `status in ('queued', 'rendering', 'done', 'failed')`)
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') visitId: string;
  @ManyToOne('VisitEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'report_visit_id_fkey' })
  visit?: object;

  /** null: the standard template. */
  @Column('uuid', { nullable: true }) templateId: string | null;
  @ManyToOne('ReportTemplateEntity')
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'report_template_id_fkey' })
  template?: object;

  @Column('uuid', { nullable: true }) batchId: string | null;
  @ManyToOne('ReportBatchEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'report_batch_id_fkey' })
  batch?: object;

  /** Made with a draft template to try it out: only region staff see it. */
  @Column('boolean', { default: false }) preview: boolean;
  @Column('text', { default: 'queued' }) status: ReportStatus;
  /** Render attempts started, including ones whose worker died. */
  @Column('integer', { default: 0 }) attempts: number;
  @Column('text', { default: '' }) error: string;
  @Column('integer', { nullable: true }) pageCount: number | null;

  @Column('uuid', { nullable: true }) requestedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'report_requested_by_id_fkey' })
  requestedBy?: object;
  @Column('text') requestedByName: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
}
