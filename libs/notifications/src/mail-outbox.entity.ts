import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { MailStatus, NotificationKind } from './vocabulary.js';

/** One e-mail to one user, written with the change it tells about; the worker sends it. */
@Entity('mail_outbox')
@Index('mail_outbox_created_idx', ['createdAt'])
@Index('mail_outbox_dedupe_key', ['userId', 'dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
@Check(
  'mail_outbox_kind_check',
  `kind in ('hearing_sent', 'hearing_deadline_soon', 'published', 'returned', 'follow_up_deadline_soon', 'follow_up_overdue')`,
)
@Check('mail_outbox_status_check', `status in ('pending', 'sent', 'failed')`)
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column('uuid') userId: string;
  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'mail_outbox_user_id_fkey' })
  user?: object;

  @Column('text') kind: NotificationKind;
  @Column('text') toAddress: string;
  @Column('text') subject: string;
  @Column('text') body: string;
  /** Reminders are written once per user and thing; null for one-off notices. */
  @Column('text', { nullable: true }) dedupeKey: string | null;
  @Column('text', { default: 'pending' }) status: MailStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('text', { default: '' }) lastError: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
}

/** A kind of mail a user has turned off. */
@Entity('notification_opt_out')
@Check(
  'notification_opt_out_kind_check',
  `kind in ('hearing_sent', 'hearing_deadline_soon', 'published', 'returned', 'follow_up_deadline_soon', 'follow_up_overdue')`,
)
export class NotificationOptOutEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'notification_opt_out_pkey' }) userId: string;
  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_opt_out_user_id_fkey' })
  user?: object;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'notification_opt_out_pkey' }) kind: NotificationKind;
}
