import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, ROLE_LABELS } from '#libs/auth';
import { FacilitiesService } from '#libs/facilities';
import { PageRenderer } from '#libs/web';

@ApiExcludeController()
@Controller()
export class HomePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly facilities: FacilitiesService,
  ) {}

  @Get()
  @Authenticated()
  async home(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    const facilities = await this.facilities.list(user);
    this.pages.render(req, res, 'home', 'Forside', { roleLabel: ROLE_LABELS[user.role], facilities });
  }
}
