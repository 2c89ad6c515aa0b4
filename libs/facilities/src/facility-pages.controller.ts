import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import { PageRenderer, parseForm } from '#libs/web';
import { FacilitiesService } from './facilities.service.js';
import { CreateFacilityDto, type FacilityFilterDto, UpdateFacilityDto, UpdateFacilityTypeDto } from './facility.dto.js';
import { CSV_COLUMNS } from './facility-csv.js';
import { FacilityImportService } from './facility-import.service.js';

const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** Field names as the form calls them, for the error summary. */
const FACILITY_LABELS = {
  name: 'Navn',
  address: 'Adresse',
  municipality: 'Kommune',
  typeCode: 'Tilbudstype',
  targetGroups: 'Målgrupper',
  places: 'Pladser',
  units: 'Afdelinger',
  leaderIds: 'Ledere',
};

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
  async list(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Query() filter: FacilityFilterDto,
  ) {
    const [facilities, types, all] = await Promise.all([
      this.facilities.list(user, filter),
      this.facilities.facilityTypes(),
      this.facilities.list(user),
    ]);
    const municipalities = [...new Set(all.map((f) => f.municipality))].sort((a, b) => a.localeCompare(b, 'da'));
    this.pages.render(req, res, 'facilities', 'Tilbud', {
      facilities,
      filter,
      types: types.map((t) => ({ ...t, selected: t.code === filter.type })),
      municipalities: municipalities.map((m) => ({ name: m, selected: m === filter.municipality })),
      canManage: user.role === Role.RegionStaff,
    });
  }

  @Get('tilbud/ny')
  @Authenticated(Role.RegionStaff)
  async newForm(@Req() req: Request, @Res() res: Response) {
    this.pages.render(req, res, 'facility-form', 'Nyt tilbud', await this.formData({}));
  }

  @Post('tilbud/ny')
  @Authenticated(Role.RegionStaff)
  async create(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'facility-form', title: 'Nyt tilbud', data: await this.formData(body) },
      async () => {
        const created = await this.facilities.create(user, await parseForm(CreateFacilityDto, body));
        this.pages.flash(req, `${created.name} er oprettet.`);
        return `/tilbud/${created.id}`;
      },
    );
  }

  @Get('tilbud/import')
  @Authenticated(Role.RegionStaff)
  importForm(@Req() req: Request, @Res() res: Response) {
    this.pages.render(req, res, 'facility-import', 'Importér tilbud', { columns: Object.keys(CSV_COLUMNS) });
  }

  @Post('tilbud/import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @UploadedFile() file?: { buffer: Buffer },
  ) {
    const view = { page: 'facility-import', title: 'Importér tilbud', data: { columns: Object.keys(CSV_COLUMNS) } };
    await this.pages.submit(req, res, view, async () => {
      if (!file?.buffer.length)
        throw new InvalidInputError('Vælg en CSV-fil', [
          { field: 'fil', rule: 'isNotEmpty', message: 'Vælg en CSV-fil' },
        ]);
      const { created } = await this.importer.importCsv(user, file.buffer.toString('utf8'));
      this.pages.flash(req, `${created} tilbud er importeret.`);
      return '/tilbud';
    });
  }

  @Get('tilbudstyper')
  @Authenticated(Role.RegionStaff)
  async types(@Req() req: Request, @Res() res: Response) {
    this.pages.render(req, res, 'facility-types', 'Tilbudstyper og besøgsmål', {
      types: await this.facilities.facilityTypes(),
    });
  }

  @Post('tilbudstyper/:code')
  @Authenticated(Role.RegionStaff)
  async updateType(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('code') code: string,
    @Body() body: Record<string, unknown>,
  ) {
    const view = {
      page: 'facility-types',
      title: 'Tilbudstyper og besøgsmål',
      data: { types: await this.facilities.facilityTypes() },
    };
    await this.pages.submit(req, res, view, async () => {
      await this.facilities.updateFacilityType(user, code, await parseForm(UpdateFacilityTypeDto, body));
      this.pages.flash(req, 'Besøgsmålene er gemt.');
      return '/tilbudstyper';
    });
  }

  @Get('tilbud/:id')
  @Authenticated()
  async show(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
  ) {
    const facility = await this.facilities.get(user, id);
    this.pages.render(req, res, 'facility', facility.name, { facility, canManage: user.role === Role.RegionStaff });
  }

  @Get('tilbud/:id/rediger')
  @Authenticated(Role.RegionStaff)
  async editForm(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
  ) {
    const facility = await this.facilities.get(user, id);
    const form = { ...facility, typeCode: facility.type.code, leaderIds: facility.leaders.map((l) => l.id) };
    this.pages.render(req, res, 'facility-form', `Ret ${facility.name}`, await this.formData(form, id));
  }

  @Post('tilbud/:id/rediger')
  @Authenticated(Role.RegionStaff)
  async update(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const view = {
      page: 'facility-form',
      title: 'Ret tilbud',
      data: await this.formData({ ...body, leaderIds: [body.leaderIds ?? []].flat() }, id),
    };
    await this.pages.submit(req, res, view, async () => {
      await this.facilities.update(
        user,
        id,
        await parseForm(UpdateFacilityDto, { ...body, leaderIds: [body.leaderIds ?? []].flat() }),
      );
      this.pages.flash(req, 'Ændringerne er gemt.');
      return `/tilbud/${id}`;
    });
  }

  /** Choices and current values for the create/edit form. */
  private async formData(form: Record<string, unknown>, id?: string) {
    const [types, leaders] = await Promise.all([this.facilities.facilityTypes(), this.facilities.leaderUsers()]);
    const chosen = new Set((form.leaderIds as string[] | undefined) ?? []);
    const text = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v);
    return {
      id,
      fieldLabels: FACILITY_LABELS,
      form: { ...form, targetGroups: text(form.targetGroups), units: text(form.units) },
      types: types.map((t) => ({ ...t, selected: t.code === form.typeCode })),
      leaders: leaders.map((l) => ({ ...l, selected: chosen.has(l.id) })),
    };
  }
}
