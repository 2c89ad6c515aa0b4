import { Body, Controller, Get, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { PageRenderer, submit, view } from '#libs/web';
import { NotificationsService, SETTINGS_PATH } from './notifications.service.js';
import { MAIL_STATUS_LABELS, NOTIFICATION_KIND_LABELS } from './vocabulary.js';

@ApiExcludeController()
@Controller()
export class NotificationPagesController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(SETTINGS_PATH.slice(1))
  @Authenticated()
  async settings(@CurrentUser() user: AuthUser) {
    return view('notification-settings', 'Mails fra Tilsyn', await this.settingsData(user));
  }

  @Post(SETTINGS_PATH.slice(1))
  @Authenticated()
  saveSettings(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        await this.notifications.saveSettings(user, [body.kinds ?? []].flat().map(String));
        this.pages.flash(req, 'Dine valg er gemt.');
        return SETTINGS_PATH;
      },
      async () => view('notification-settings', 'Mails fra Tilsyn', await this.settingsData(user)),
    );
  }

  @Get('postkasse')
  @Authenticated(Role.RegionStaff)
  async outbox(@CurrentUser() user: AuthUser) {
    const mails = (await this.notifications.outbox(user)).map((m) => ({
      ...m,
      kindLabel: NOTIFICATION_KIND_LABELS[m.kind],
      statusLabel: MAIL_STATUS_LABELS[m.status],
    }));
    return view('mail-outbox', 'Udgående mails', { mails, smtpConfigured: this.notifications.smtpConfigured });
  }

  private async settingsData(user: AuthUser) {
    const kinds = (await this.notifications.settings(user)).map((s) => ({
      ...s,
      label: NOTIFICATION_KIND_LABELS[s.kind],
    }));
    return { kinds, email: user.email };
  }
}
