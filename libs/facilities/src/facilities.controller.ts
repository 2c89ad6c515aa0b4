import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { InvalidInputError } from '#libs/core';
import { ApiPageResponse, ApiProblems, type Page, PageQueryDto, pageOf, uuidParam } from '#libs/web';
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

class FacilityImportResultDto {
  @ApiProperty({ description: 'Antal oprettede tilbud' }) created: number;
  @ApiProperty({ description: 'Hvordan filen blev læst', example: 'UTF-8' }) readAs: string;
}

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
  @ApiOperation({
    summary: 'Tilbud, som brugeren har adgang til, efter navn (og id); søg og filtrér på type og kommune',
  })
  @ApiPageResponse(FacilityDto)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() filter: FacilityFilterDto,
    @Req() req: Request,
  ): Promise<Page<FacilityDto>> {
    return pageOf(await this.facilities.list(user, filter), filter, req);
  }

  @Post('facilities')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Opret et tilbud' })
  @ApiCreatedResponse({ type: FacilityDto })
  @ApiProblems(409)
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
  @ApiCreatedResponse({ type: FacilityImportResultDto })
  @ApiProblems(409, 413, 415)
  import(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<FacilityImportResultDto> {
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
  @ApiOkResponse({ type: FacilityDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<FacilityDto> {
    return this.facilities.get(user, id);
  }

  @Patch('facilities/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret stamdata (409 ved forældet version)' })
  @ApiOkResponse({ type: FacilityDto })
  @ApiProblems(409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateFacilityDto,
  ): Promise<FacilityDto> {
    return this.facilities.update(user, id, body);
  }

  @Get('facility-types')
  @Authenticated()
  @ApiOperation({ summary: 'Tilbudstyper med lovgrundlag og mål for antal tilsynsbesøg, efter lovgrundlag' })
  @ApiPageResponse(FacilityTypeDto)
  async types(@Query() query: PageQueryDto, @Req() req: Request): Promise<Page<FacilityTypeDto>> {
    return pageOf(await this.facilities.facilityTypes(), query, req);
  }

  @Patch('facility-types/:code')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret mål for anmeldte og uanmeldte besøg pr. periode' })
  @ApiOkResponse({ type: FacilityTypeDto })
  @ApiProblems(404, 409)
  updateType(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: UpdateFacilityTypeDto,
  ): Promise<FacilityTypeDto> {
    return this.facilities.updateFacilityType(user, code, body);
  }
}
