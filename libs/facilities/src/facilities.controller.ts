import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import { uuidParam } from '#libs/web';
import { FacilitiesService } from './facilities.service.js';
import {
  CreateFacilityDto,
  FacilityDto,
  FacilityFilterDto,
  FacilityTypeDto,
  UpdateFacilityDto,
  UpdateFacilityTypeDto,
} from './facility.dto.js';
import { FacilityImportService } from './facility-import.service.js';

@ApiTags('facilities')
@ApiBearerAuth()
@Controller('api/v1')
export class FacilitiesController {
  constructor(
    private readonly facilities: FacilitiesService,
    private readonly importer: FacilityImportService,
  ) {}

  @Get('facilities')
  @Authenticated()
  @ApiOperation({ summary: 'Tilbud, som brugeren har adgang til; søg og filtrér på type og kommune' })
  list(@CurrentUser() user: AuthUser, @Query() filter: FacilityFilterDto): Promise<FacilityDto[]> {
    return this.facilities.list(user, filter);
  }

  @Post('facilities')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Opret et tilbud' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateFacilityDto): Promise<FacilityDto> {
    return this.facilities.create(user, body);
  }

  @Post('facilities/import')
  @HttpCode(201)
  @Authenticated(Role.RegionStaff)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'navn;adresse;kommune;tilbudstype;målgrupper;pladser;afdelinger;ledere' },
  })
  @ApiOperation({ summary: 'Importér tilbud fra CSV: alle rækker eller ingen; hver fejl med række og kolonne' })
  import(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<{ created: number; readAs: string }> {
    // the API takes the body as text (UTF-8); an uploaded file on the page is read in its own encoding
    if (typeof body !== 'string')
      throw new InvalidInputError('Send filen som text/csv (UTF-8)', [
        { field: 'body', rule: 'isCsv', message: 'forventede text/csv' },
      ]);
    return this.importer.importCsv(user, Buffer.from(body, 'utf8'));
  }

  @Get('facilities/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Et tilbud (404, hvis brugeren ikke har adgang)' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<FacilityDto> {
    return this.facilities.get(user, id);
  }

  @Patch('facilities/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret stamdata (409 ved forældet version)' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateFacilityDto,
  ): Promise<FacilityDto> {
    return this.facilities.update(user, id, body);
  }

  @Get('facility-types')
  @Authenticated()
  @ApiOperation({ summary: 'Tilbudstyper med lovgrundlag og mål for antal tilsynsbesøg' })
  types(): Promise<FacilityTypeDto[]> {
    return this.facilities.facilityTypes();
  }

  @Patch('facility-types/:code')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret mål for anmeldte og uanmeldte besøg pr. periode' })
  updateType(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateFacilityTypeDto,
  ): Promise<FacilityTypeDto> {
    return this.facilities.updateFacilityType(user, code, body);
  }
}
