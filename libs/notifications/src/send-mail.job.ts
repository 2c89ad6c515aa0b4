import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#libs/config';
import { TransactionHost } from '#libs/database';
import { defineJob, JobHandler, type JobHandlerOf } from '#libs/jobs';
import { MailOutboxEntity } from './mail-outbox.entity.js';

export interface SendMailPayload {
  outboxId: string;
}

/** Attempts before a mail is marked as failed (pg-boss retries with growing pauses in between). */
const ATTEMPTS = 6;

export const SendMail = defineJob<SendMailPayload>({
  name: 'notifications.send-mail',
  queue: { retryLimit: ATTEMPTS - 1, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
});

/** One SMTP connection pool per process, made on first use from SMTP_URL. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private transporter?: Transporter;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  get(): Transporter | null {
    if (!this.config.SMTP_URL) return null;
    this.transporter ??= nodemailer.createTransport(this.config.SMTP_URL);
    return this.transporter;
  }

  onModuleDestroy() {
    this.transporter?.close();
  }
}

/**
 * Sends one outbox mail. Without SMTP_URL it leaves the mail in the outbox (region staff read it
 * there). A failure is recorded on the mail and thrown, so pg-boss tries again; after the last
 * attempt the mail is marked as failed. A mail already sent is never sent twice.
 */
@JobHandler(SendMail)
export class SendMailHandler implements JobHandlerOf<SendMailPayload> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async run({ outboxId }: SendMailPayload) {
    const repo = this.tx.tx.getRepository(MailOutboxEntity);
    const mail = await repo.findOneBy({ id: outboxId });
    if (!mail || mail.status === 'sent') return { skipped: true };
    const transporter = this.transport.get();
    if (!transporter) return { kept: true };
    try {
      await transporter.sendMail({
        from: this.config.MAIL_FROM,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.body,
      });
      await repo.update({ id: mail.id }, { status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1 });
      return { sent: true };
    } catch (e) {
      const attempts = mail.attempts + 1;
      await repo.update(
        { id: mail.id },
        {
          attempts,
          lastError: String((e as Error).message).slice(0, 500),
          status: attempts >= ATTEMPTS ? 'failed' : 'pending',
        },
      );
      throw e;
    }
  }
}
