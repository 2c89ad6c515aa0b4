import { Body, Controller, Get, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import { PageRenderer, parseForm, submit, uuidParam, view } from '#libs/web';
import { FacilitiesService } from './facilities.service.js';
import { CreateFacilityDto, type FacilityFilterDto, UpdateFacilityDto, UpdateFacilityTypeDto } from './facility.dto.js';
import { facilityForm, facilityFormView, facilityListView, facilityView } from './facility.views.js';
import { CSV_COLUMNS } from './facility-csv.js';
import { FacilityImportService } from './facility-import.service.js';

const MAX_CSV_BYTES = 5 * 1024 * 1024;
const importView = () => view('facility-import', 'Importér tilbud', { columns: Object.keys(CSV_COLUMNS) });
/** A multi-select posts one value as a string and none at all when nothing is chosen. */
const withLeaderList = (body: Record<string, unknown>) => ({ ...body, leaderIds: [body.leaderIds ?? []].flat() });

@ApiExcludeController()
@Controller()
export class FacilityPagesController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly importer: FacilityImportService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('tilbud')
  @Authenticated()
  async list(@CurrentUser() user: AuthUser, @Query() filter: FacilityFilterDto) {
    const [facilities, types, all] = await Promise.all([
      this.facilities.list(user, filter),
      this.facilities.facilityTypes(),
      this.facilities.list(user),
    ]);
    return facilityListView(facilities, filter, { types, all }, user.role === Role.RegionStaff);
  }

  @Get('tilbud/ny')
  @Authenticated(Role.RegionStaff)
  async newForm() {
    return this.formView('Nyt tilbud', {});
  }

  @Post('tilbud/ny')
  @Authenticated(Role.RegionStaff)
  create(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const created = await this.facilities.create(user, await parseForm(CreateFacilityDto, body));
        this.pages.flash(req, `${created.name} er oprettet.`);
        return `/tilbud/${created.id}`;
      },
      () => this.formView('Nyt tilbud', body),
    );
  }

  @Get('tilbud/import')
  @Authenticated(Role.RegionStaff)
  importForm() {
    return importView();
  }

  @Post('tilbud/import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  import(@CurrentUser() user: AuthUser, @Req() req: Request, @UploadedFile() file?: { buffer: Buffer }) {
    return submit(async () => {
      if (!file?.buffer.length)
        throw new InvalidInputError('Vælg en CSV-fil', [
          { field: 'fil', rule: 'isNotEmpty', message: 'Vælg en CSV-fil' },
        ]);
      const { created, readAs } = await this.importer.importCsv(user, file.buffer);
      this.pages.flash(req, `${created} tilbud er importeret (filen er læst som ${readAs}).`);
      return '/tilbud';
    }, importView);
  }

  @Get('tilbudstyper')
  @Authenticated(Role.RegionStaff)
  types() {
    return this.typesView();
  }

  @Post('tilbudstyper/:code')
  @Authenticated(Role.RegionStaff)
  updateType(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.facilities.updateFacilityType(user, code, await parseForm(UpdateFacilityTypeDto, body));
        this.pages.flash(req, 'Besøgsmålene er gemt.');
        return '/tilbudstyper';
      },
      () => this.typesView(),
    );
  }

  @Get('tilbud/:id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return facilityView(await this.facilities.get(user, id), user.role === Role.RegionStaff);
  }

  @Get('tilbud/:id/rediger')
  @Authenticated(Role.RegionStaff)
  async editForm(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const facility = await this.facilities.get(user, id);
    return this.formView(`Ret ${facility.name}`, facilityForm(facility), id);
  }

  @Post('tilbud/:id/rediger')
  @Authenticated(Role.RegionStaff)
  update(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.facilities.update(user, id, await parseForm(UpdateFacilityDto, withLeaderList(body)));
        this.pages.flash(req, 'Ændringerne er gemt.');
        return `/tilbud/${id}`;
      },
      () => this.formView('Ret tilbud', withLeaderList(body), id),
    );
  }

  private async formView(title: string, form: Record<string, unknown>, id?: string) {
    const [types, leaders] = await Promise.all([this.facilities.facilityTypes(), this.facilities.leaderUsers()]);
    return facilityFormView(title, form, { types, leaders }, id);
  }

  private async typesView() {
    return view('facility-types', 'Tilbudstyper og besøgsmål', { types: await this.facilities.facilityTypes() });
  }
}
