import { Body, Controller, Get, Param, Post, Put, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { uploadedTable } from '#libs/core';
import { ApiPageResponse, ApiProblems, type Page, PageQueryDto, pageOf, uuidParam } from '#libs/web';
import {
  CreatedOrgUnitDto,
  CreateOrgUnitDto,
  FacilityPlacementDto,
  FacilityUnitDto,
  OrgImportResultDto,
  OrgUnitDto,
} from './org-tree.dto.js';
import { OrgTreeService } from './org-tree.service.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1')
export class OrgTreeController {
  constructor(private readonly tree: OrgTreeService) {}

  @Get('org-units')
  @Authenticated()
  @ApiOperation({ summary: 'Organisationstræet: enheder i læserækkefølge med tilbuddene under hver' })
  @ApiPageResponse(OrgUnitDto)
  async list(@Query() query: PageQueryDto, @Req() req: Request): Promise<Page<OrgUnitDto>> {
    return pageOf(await this.tree.tree(), query, req);
  }

  @Post('org-units')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en enhed (region, kommune, forvaltning, center)' })
  @ApiCreatedResponse({ type: CreatedOrgUnitDto })
  @ApiProblems(409)
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateOrgUnitDto): Promise<CreatedOrgUnitDto> {
    const { id, parentId, kind, name, createdAt, version } = await this.tree.create(user, body);
    return { id, parentId, kind, name, createdAt, version };
  }

  @Post('org-units/import')
  @Authenticated(Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  @ApiOperation({ summary: 'Importér træet fra CSV/XLSX (type;navn;overordnet): alt eller intet' })
  @ApiBody({ schema: { type: 'object', properties: { fil: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: OrgImportResultDto })
  @ApiProblems(409, 413, 415)
  import(@CurrentUser() user: AuthUser, @UploadedFile() file?: { buffer: Buffer; originalname: string }) {
    const { data, format } = uploadedTable(file);
    return this.tree.importTree(user, data, format);
  }

  @Put('facilities/:id/org-unit')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Placér et tilbud under en enhed i træet (orgUnitId null: ingen)' })
  @ApiOkResponse({ type: FacilityPlacementDto })
  setUnit(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: FacilityUnitDto) {
    return this.tree.setFacilityUnit(user, id, body.orgUnitId ?? null);
  }
}
