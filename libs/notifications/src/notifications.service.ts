import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, Role } from '#libs/auth';
import { AppConfig, publicLink } from '#libs/config';
import { NotFoundError } from '#libs/core';
import { Transactional, TransactionHost } from '#libs/database';
import { JobQueue } from '#libs/jobs';
import { MailOutboxEntity } from './mail-outbox.entity.js';
import { type MailFacts, mailText } from './mail-texts.js';
import { SendMail } from './send-mail.job.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './vocabulary.js';

/** What a notice is about, without who gets it: the page is given as a path on this installation. */
export type Notice = Omit<MailFacts, 'recipientName' | 'link' | 'settingsLink'> & { path: string };

export const SETTINGS_PATH = '/profil/notifikationer';

/**
 * Writes notification mails to the outbox inside the caller's transaction, so a mail exists exactly
 * when the change it tells about commits, and queues the worker to send each. Users who turned a
 * kind off get none of it; a reminder with a `dedupeKey` is written once per user.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async notify(kind: NotificationKind, userIds: string[], notice: Notice, dedupeKey?: string): Promise<number> {
    if (!userIds.length) return 0;
    const users: { id: string; name: string; email: string }[] = await this.tx.tx.query(
      `select id, name, email from app_user u
        where id = any($1) and active
          and not exists (select 1 from notification_opt_out o where o.user_id = u.id and o.kind = $2)`,
      [userIds, kind],
    );
    let written = 0;
    for (const u of users) {
      const { subject, body } = mailText(kind, {
        ...notice,
        recipientName: u.name,
        link: publicLink(this.config, notice.path),
        settingsLink: publicLink(this.config, SETTINGS_PATH),
      });
      const [row]: { id: string }[] = await this.tx.tx.query(
        `insert into mail_outbox (user_id, kind, to_address, subject, body, dedupe_key) values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing returning id`,
        [u.id, kind, u.email, subject, body, dedupeKey ?? null],
      );
      if (!row) continue;
      await this.jobs.send(SendMail, { outboxId: row.id });
      written++;
    }
    return written;
  }

  /** The active leaders of a facility: who hears about its reports and follow-up. */
  async leadersOf(facilityId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.tx.query(
      `select u.id from facility_leader l join app_user u on u.id = l.user_id where l.facility_id = $1 and u.active`,
      [facilityId],
    );
    return rows.map((r) => r.id);
  }

  /** The kinds the user gets, each with whether it is on. */
  async settings(user: AuthUser): Promise<{ kind: NotificationKind; on: boolean }[]> {
    const off: { kind: NotificationKind }[] = await this.tx.tx.query(
      'select kind from notification_opt_out where user_id = $1',
      [user.id],
    );
    return NOTIFICATION_KINDS.map((kind) => ({ kind, on: !off.some((o) => o.kind === kind) }));
  }

  /** Turns on exactly the kinds in `on` (unknown kinds are ignored); audited. */
  @Transactional()
  async saveSettings(user: AuthUser, on: string[]): Promise<void> {
    const before = await this.settings(user);
    await this.tx.tx.query('delete from notification_opt_out where user_id = $1', [user.id]);
    const off = NOTIFICATION_KINDS.filter((k) => !on.includes(k));
    for (const kind of off)
      await this.tx.tx.query('insert into notification_opt_out (user_id, kind) values ($1, $2)', [user.id, kind]);
    await this.audit.record({
      action: 'notification_settings.updated',
      entityType: 'app_user',
      entityId: user.id,
      before: { off: before.filter((s) => !s.on).map((s) => s.kind) },
      after: { off },
    });
  }

  /** The newest mails, for region staff: with no SMTP server they are read here. */
  async outbox(user: AuthUser): Promise<MailOutboxEntity[]> {
    if (user.role !== Role.RegionStaff) throw new NotFoundError('Siden findes ikke');
    return this.tx.tx.getRepository(MailOutboxEntity).find({ order: { createdAt: 'DESC' }, take: 200 });
  }

  get smtpConfigured(): boolean {
    return !!this.config.SMTP_URL;
  }
}
