import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReportFileKind } from './vocabulary.js';

/** A report's PDF, or the HTML it was printed from (the preview), with its SHA-256. */
@Entity('report_file')
@Unique('report_file_report_id_kind_key', ['reportId', 'kind'])
@Check('report_file_kind_check', `kind in ('pdf', 'html')`)
export class ReportFileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') reportId: string;
  @ManyToOne('ReportEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'report_file_report_id_fkey' })
  report?: object;

  @Column('text') kind: ReportFileKind;
  @Column('text') contentType: string;
  @Column('integer') size: number;
  @Column('text') sha256: string;
  @Column('bytea', { select: false }) data: Buffer;
}
