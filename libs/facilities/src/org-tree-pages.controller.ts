import { Body, Controller, Get, Post, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError, uploadedTable } from '#libs/core';
import { PageRenderer, parseForm, submit, view } from '#libs/web';
import { CreateOrgUnitDto, FacilityUnitDto } from './org-tree.dto.js';
import { OrgTreeService } from './org-tree.service.js';
import { ORG_KIND_WORDS, ORG_KINDS } from './org-unit.entity.js';

@ApiExcludeController()
@Controller('organisation')
export class OrgTreePagesController {
  constructor(
    private readonly tree: OrgTreeService,
    private readonly pages: PageRenderer,
  ) {}

  private async page() {
    const units = await this.tree.tree();
    const facilities = await this.tree.facilityNames();
    return view('org-tree', 'Organisation', {
      units,
      facilities,
      kinds: ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_WORDS[k] })),
      fieldLabels: {
        name: 'Navn',
        kind: 'Type',
        parentId: 'Overordnet enhed',
        fil: 'Fil',
        facilityId: 'Tilbud',
        orgUnitId: 'Enhed',
      },
    });
  }

  @Get()
  @Authenticated(Role.RegionStaff)
  show() {
    return this.page();
  }

  @Post('enheder')
  @Authenticated(Role.RegionStaff)
  async add(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const unit = await this.tree.create(user, await parseForm(CreateOrgUnitDto, body));
        this.pages.flash(req, `${ORG_KIND_WORDS[unit.kind]} »${unit.name}« er tilføjet.`);
        return '/organisation';
      },
      () => this.page(),
    );
  }

  @Post('tilbud')
  @Authenticated(Role.RegionStaff)
  async place(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const facilityId = String(body.facilityId ?? '');
        if (!/^[0-9a-f-]{36}$/i.test(facilityId))
          throw new InvalidInputError('Ret de markerede felter', [
            { field: 'facilityId', rule: 'isUUID', message: 'vælg et tilbud' },
          ]);
        const dto = await parseForm(FacilityUnitDto, { orgUnitId: body.orgUnitId });
        const placed = await this.tree.setFacilityUnit(user, facilityId, dto.orgUnitId ?? null);
        this.pages.flash(req, `${placed.name} er placeret i træet.`);
        return '/organisation';
      },
      () => this.page(),
    );
  }

  @Post('import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    return submit(
      async () => {
        const { data, format } = uploadedTable(file);
        const done = await this.tree.importTree(user, data, format).catch((e) => {
          if (e instanceof InvalidInputError)
            for (const err of e.errors)
              if (err.field.startsWith('række') || err.field.startsWith('kolonne') || err.field.startsWith('linje'))
                Object.assign(err, { field: 'fil', message: `${err.field}: ${err.message}` });
          throw e;
        });
        this.pages.flash(
          req,
          `Træet er importeret: ${done.units} enheder tilføjet, ${done.facilities} tilbud placeret (filen er læst som ${done.readAs}).`,
        );
        return '/organisation';
      },
      () => this.page(),
    );
  }
}
