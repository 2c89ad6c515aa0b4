import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'hearing_sent', 'hearing_deadline_soon', 'published', 'returned', 'follow_up_deadline_soon', 'follow_up_overdue'`;

/**
 * E-mail notifications: an outbox written in the same transaction as the change it tells about
 * (sent by the job worker over SMTP, kept and shown when no SMTP server is set), and the kinds each
 * user has turned off. A reminder is written once per user and thing (`dedupe_key`).
 */
export class Notifications1796293417160 implements MigrationInterface {
  name = 'Notifications1796293417160';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table mail_outbox (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null,
        kind text not null,
        to_address text not null,
        subject text not null,
        body text not null,
        dedupe_key text,
        status text not null default 'pending',
        attempts integer not null default 0,
        last_error text not null default '',
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        constraint mail_outbox_kind_check check (kind in (${KINDS})),
        constraint mail_outbox_status_check check (status in ('pending', 'sent', 'failed')),
        constraint mail_outbox_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade
      )`);
    await q.query(`create index mail_outbox_created_idx on mail_outbox (created_at)`);
    await q.query(
      `create unique index mail_outbox_dedupe_key on mail_outbox (user_id, dedupe_key) where dedupe_key is not null`,
    );
    await q.query(`
      create table notification_opt_out (
        user_id uuid not null,
        kind text not null,
        constraint notification_opt_out_pkey primary key (user_id, kind),
        constraint notification_opt_out_kind_check check (kind in (${KINDS})),
        constraint notification_opt_out_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table notification_opt_out`);
    await q.query(`drop table mail_outbox`);
  }
}
