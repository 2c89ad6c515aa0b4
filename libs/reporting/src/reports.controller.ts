import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { IsDateOnly, IsInt4 } from '#libs/core';
import { contentDisposition, DOCUMENT_HTML_CSP } from '#libs/documents';
import {
  ApiFileResponse,
  ApiPageResponse,
  ApiProblems,
  type Page,
  PageQueryDto,
  pageOf,
  UuidPipe,
  uuidParam,
} from '#libs/web';
import { ReportBatchesService } from './report-batches.service.js';
import { ReportPreviews } from './report-previews.service.js';
import { BatchDto, BatchWithReportsDto, ReportDto, TemplateDto } from './reporting.responses.js';
import { ReportsService } from './reports.service.js';
import { ReportTemplatesService } from './templates/report-templates.service.js';

class RequestReportDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() visitId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'En aktiv skabelon; ellers den indbyggede' })
  @IsOptional()
  @IsUUID()
  templateId?: string;
}

class StartBatchDto {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @IsDateOnly() from: string;
  @ApiProperty({ format: 'date', example: '2026-06-30' }) @IsDateOnly() to: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() templateId?: string;
}

class UploadTemplateDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) name: string;
  @ApiProperty({ description: 'Handlebars-kilden' }) @IsString() source: string;
}

class VersionDto {
  @ApiProperty({ minimum: 1, description: 'Den version, ændringen bygger på' }) @IsInt4(1) version: number;
}

class ReportListQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() visitId: string;
}

/** Sends a stored file with its SHA-256 as a Digest header, so a download can be verified. */
export function sendReportFile(
  res: Response,
  file: { contentType: string; sha256: string; data: Buffer },
  name: string,
  inline: boolean,
) {
  res
    .type(file.contentType)
    .set('Content-Disposition', contentDisposition(name, inline ? 'inline' : 'attachment'))
    .set('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
    .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
    .send(file.data);
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly batches: ReportBatchesService,
    private readonly templates: ReportTemplatesService,
    private readonly previews: ReportPreviews,
  ) {}

  @Post('reports')
  @HttpCode(202)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Dan en rapport (PDF og HTML) for et offentliggjort besøg; workeren danner den' })
  @ApiAcceptedResponse({ type: ReportDto })
  @ApiProblems(404, 409)
  request(@CurrentUser() user: AuthUser, @Body() body: RequestReportDto) {
    return this.reports.request(user, body.visitId, body.templateId ?? null);
  }

  @Get('reports')
  @Authenticated()
  @ApiOperation({ summary: 'Rapporter for et besøg, som brugeren må se, nyeste først (så id)' })
  @ApiPageResponse(ReportDto)
  @ApiProblems(404)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportListQueryDto,
    @Req() req: Request,
  ): Promise<Page<ReportDto>> {
    return pageOf(await this.reports.listForVisit(user, query.visitId), query, req);
  }

  @Get('reports/:id')
  @Authenticated()
  @ApiOperation({ summary: 'En rapports status og filer (med SHA-256)' })
  @ApiOkResponse({ type: ReportDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.reports.get(user, id);
  }

  @Get('reports/:id/pdf')
  @Authenticated()
  @ApiOperation({ summary: 'Hent rapportens PDF (Digest: sha-256)' })
  @ApiFileResponse('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    const file = await this.reports.file(user, id, 'pdf');
    sendReportFile(res, file, file.fileName, false);
  }

  @Get('reports/:id/html')
  @Authenticated()
  @ApiOperation({ summary: 'Hent den HTML, rapporten er trykt fra (forhåndsvisningen; Digest: sha-256)' })
  @ApiFileResponse('text/html')
  async html(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    const file = await this.reports.file(user, id, 'html');
    sendReportFile(res, file, file.fileName, true);
  }

  @Post('report-batches')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Dan rapporter for alle offentliggjorte besøg i en periode (som holdbare jobs)' })
  @ApiCreatedResponse({ type: BatchDto })
  startBatch(@CurrentUser() user: AuthUser, @Body() body: StartBatchDto) {
    return this.batches.start(user, { from: body.from, to: body.to, templateId: body.templateId ?? null });
  }

  @Get('report-batches')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Seneste kørsler med fremdrift, nyeste først' })
  @ApiPageResponse(BatchDto)
  async listBatches(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
    @Req() req: Request,
  ): Promise<Page<BatchDto>> {
    return pageOf(await this.batches.list(user), query, req);
  }

  @Get('report-batches/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'En kørsels fremdrift og rapporter' })
  @ApiOkResponse({ type: BatchWithReportsDto })
  batch(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.batches.get(user, id);
  }

  @Get('report-templates')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Uploadede skabelonversioner, nyeste nummer først' })
  @ApiPageResponse(TemplateDto)
  async listTemplates(
    @CurrentUser() user: AuthUser,
    @Query() query: PageQueryDto,
    @Req() req: Request,
  ): Promise<Page<TemplateDto>> {
    return pageOf(await this.templates.list(user), query, req);
  }

  @Post('report-templates')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary: 'Upload en skabelonversion (Handlebars); tjekkes og gemmes som kladde, ellers 422 med fejl pr. linje',
  })
  @ApiCreatedResponse({ type: TemplateDto })
  upload(@CurrentUser() user: AuthUser, @Body() body: UploadTemplateDto) {
    return this.templates.upload(user, body);
  }

  @Post('report-templates/:id/activate')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Aktivér en kladde (409 ved forældet version eller en anden status)' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(409)
  activate(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: VersionDto) {
    return this.templates.changeStatus(user, id, 'active', body.version);
  }

  @Post('report-templates/:id/retire')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Udfas en aktiv skabelon (409 ved forældet version eller en anden status)' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(409)
  retire(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: VersionDto) {
    return this.templates.changeStatus(user, id, 'retired', body.version);
  }

  @Get('report-templates/:id/preview')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Forhåndsvis en skabelon som HTML, med et besøg eller med eksempeldata' })
  @ApiFileResponse('text/html')
  async preview(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query('visitId', new UuidPipe({ optional: true })) visitId: string | undefined,
    @Res() res: Response,
  ) {
    res
      .type('html')
      .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
      .send(await this.previews.html(user, visitId ?? null, id));
  }
}
