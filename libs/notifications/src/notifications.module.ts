import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Role } from '#libs/auth';
import { InspectionsModule, VisitEvents, type VisitStepEvent } from '#libs/inspections';
import { PageRenderer } from '#libs/web';
import { DailyRemindersHandler } from './daily-reminders.job.js';
import { MailOutboxEntity, NotificationOptOutEntity } from './mail-outbox.entity.js';
import { NotificationPagesController } from './notification-pages.controller.js';
import { NotificationsService } from './notifications.service.js';
import { MailTransport, SendMailHandler } from './send-mail.job.js';

/** E-mail notifications: outbox, sending by the worker, reminders, and each user's choice of kinds. */
@Module({
  imports: [InspectionsModule, TypeOrmModule.forFeature([MailOutboxEntity, NotificationOptOutEntity])],
  controllers: [NotificationPagesController],
  providers: [NotificationsService, MailTransport, SendMailHandler, DailyRemindersHandler],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly pages: PageRenderer,
    private readonly visitSteps: VisitEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.pages.addNav(Role.RegionStaff, { href: '/postkasse', label: 'Postkasse', position: 80 });
    for (const role of Object.values(Role))
      this.pages.addNav(role, {
        href: '/profil/notifikationer',
        label: 'Mails',
        position: 90,
      });
    this.visitSteps.subscribe((e) => this.onStep(e));
  }

  /** The workflow's notices, written in the step's own transaction. */
  private async onStep({ step, visit, user, note }: VisitStepEvent): Promise<void> {
    const facilityName = visit.facility.name;
    if (step === 'send_for_hearing')
      await this.notifications.notify('hearing_sent', await this.notifications.leadersOf(visit.facility.id), {
        facilityName,
        date: visit.hearing?.deadline,
        path: `/besoeg/${visit.id}#hoering`,
      });
    if (step === 'publish')
      await this.notifications.notify('published', await this.notifications.leadersOf(visit.facility.id), {
        facilityName,
        path: `/rapporter/besoeg/${visit.id}`,
      });
    if (step === 'return')
      await this.notifications.notify(
        'returned',
        visit.inspectors.map((i) => i.id).filter((id) => id !== user.id),
        { facilityName, date: visit.plannedDate, text: note, path: `/besoeg/${visit.id}` },
      );
  }
}
