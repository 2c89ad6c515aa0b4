import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One run that generates the reports of every published visit in a period. */
@Entity('report_batch')
@Check('report_batch_period_check', 'period_from <= period_to')
export class ReportBatchEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') periodFrom: string;
  @Column('date') periodTo: string;

  /** null: the standard template. */
  @Column('uuid', { nullable: true }) templateId: string | null;
  @ManyToOne('ReportTemplateEntity')
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'report_batch_template_id_fkey' })
  template?: object;

  /** null when started from the command line; the name says who. */
  @Column('uuid', { nullable: true }) requestedById: string | null;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'report_batch_requested_by_id_fkey' })
  requestedBy?: object;
  @Column('text') requestedByName: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
