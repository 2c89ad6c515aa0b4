import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { PageRenderer } from '#libs/web';
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
  async settings(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    const kinds = (await this.notifications.settings(user)).map((s) => ({
      ...s,
      label: NOTIFICATION_KIND_LABELS[s.kind],
    }));
    this.pages.render(req, res, 'notification-settings', 'Mails fra Tilsyn', { kinds, email: user.email });
  }

  @Post(SETTINGS_PATH.slice(1))
  @Authenticated()
  async saveSettings(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'notification-settings', title: 'Mails fra Tilsyn', data: {} },
      async () => {
        await this.notifications.saveSettings(user, [body.kinds ?? []].flat().map(String));
        this.pages.flash(req, 'Dine valg er gemt.');
        return SETTINGS_PATH;
      },
    );
  }

  @Get('postkasse')
  @Authenticated(Role.RegionStaff)
  async outbox(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    const mails = (await this.notifications.outbox(user)).map((m) => ({
      ...m,
      kindLabel: NOTIFICATION_KIND_LABELS[m.kind],
      statusLabel: MAIL_STATUS_LABELS[m.status],
    }));
    this.pages.render(req, res, 'mail-outbox', 'Udgående mails', {
      mails,
      smtpConfigured: this.notifications.smtpConfigured,
    });
  }
}
