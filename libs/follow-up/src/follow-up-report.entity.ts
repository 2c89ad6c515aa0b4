import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { StatusReportData } from './status-report.js';

/** A half-yearly status report as issued: its content is kept, so later changes leave it alone. */
@Entity('follow_up_report')
@Unique('follow_up_report_plan_period_key', ['planId', 'period'])
@Check('follow_up_report_period_check', `period ~ '^[0-9]{4}-[12]$'`)
export class FollowUpReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') planId: string;
  @ManyToOne('FollowUpPlanEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'follow_up_report_plan_id_fkey' })
  plan?: object;

  /** Year and half, "2026-2". */
  @Column('text') period: string;
  @Column('jsonb') data: StatusReportData;

  @Column('uuid') issuedById: string;
  @ManyToOne('UserEntity')
  @JoinColumn({ name: 'issued_by_id', foreignKeyConstraintName: 'follow_up_report_issued_by_id_fkey' })
  issuedBy?: object;

  @CreateDateColumn({ type: 'timestamptz' }) issuedAt: Date;
}
