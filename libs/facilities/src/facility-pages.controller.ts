import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authenticated, type AuthUser, CurrentUser } from '#libs/auth';
import { PageRenderer } from '#libs/web';
import type { Request, Response } from 'express';
import { FacilitiesService } from './facilities.service.js';

@ApiExcludeController()
@Controller('tilbud')
export class FacilityPagesController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response, @Query('q') q?: string) {
    const facilities = await this.facilities.list(user, q);
    this.pages.render(req, res, 'facilities', 'Tilbud', { facilities, q });
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string) {
    const facility = await this.facilities.get(user, id);
    this.pages.render(req, res, 'facility', facility.name, { facility });
  }
}
