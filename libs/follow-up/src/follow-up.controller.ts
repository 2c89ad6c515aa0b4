import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
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
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { NotFoundError, now, uploadedTable } from '#libs/core';
import { contentDisposition, documentFileName, sendFile } from '#libs/documents';
import { ApiFileResponse, ApiPageResponse, ApiProblems, PageQueryDto, pageOf, UuidPipe, uuidParam } from '#libs/web';
import { DevelopmentAgreementsService } from './development-agreements.service.js';
import {
  ActivityDto,
  ActivityStatusDto,
  CreateAgreementDto,
  EditActivityDto,
  EditItemDto,
  FollowUpFilterDto,
  ImportAgreementDto,
  ImportPlanDto,
  IssueReportDto,
  MoveActivityDto,
  ReportStatusDto,
  SaveStatusOptionDto,
} from './follow-up.dto.js';
import { FollowUpService } from './follow-up.service.js';
import { FollowUpDocuments } from './follow-up-documents.js';
import type { StatusReportData } from './status-report.js';

export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export function formatParam(format: string): 'csv' | 'xlsx' {
  if (format !== 'csv' && format !== 'xlsx') throw new NotFoundError('Ukendt format');
  return format;
}

/** "Statusnotat – <owner> – <plan> – <the note's date>.pdf", the name a municipality files it under. */
const noteFileName = (note: StatusReportData, kind: string) =>
  documentFileName([kind, note.facilityName, note.planTitle], 'pdf', note.front?.date ?? note.generatedAt);
@ApiTags('follow-up')
@ApiBearerAuth()
@Controller('api/v1/follow-up')
export class FollowUpController {
  constructor(
    private readonly followUp: FollowUpService,
    private readonly agreements: DevelopmentAgreementsService,
    private readonly documents: FollowUpDocuments,
  ) {}

  @Get('statuses')
  @Authenticated()
  @ApiOperation({ summary: 'Opfølgningsstatusser i rækkefølge; done = tæller som imødekommet' })
  @ApiPageResponse({
    type: 'object',
    description: 'id, label, done, active, position, version',
    additionalProperties: true,
  })
  async statuses(@Query() query: PageQueryDto, @Req() req: Request) {
    return pageOf(await this.followUp.statuses(), query, req);
  }

  @Post('statuses')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en status til listen' })
  @ApiCreatedResponse({
    description: 'Statussen, som den er gemt',
    schema: { type: 'object', additionalProperties: true },
  })
  addStatus(@CurrentUser() user: AuthUser, @Body() body: SaveStatusOptionDto) {
    return this.followUp.saveStatus(user, null, body);
  }

  @Put('statuses/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret en status (409 med current ved forældet version)' })
  @ApiOkResponse({ description: 'Statussen, som den er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  saveStatus(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: SaveStatusOptionDto) {
    return this.followUp.saveStatus(user, id, body);
  }

  @Get('plans')
  @Authenticated()
  @ApiOperation({ summary: 'Opfølgningsplaner med antal åbne og overskredne anbefalinger' })
  @ApiPageResponse({ type: 'object', description: 'En plan med antal åbne og overskredne', additionalProperties: true })
  async plans(@CurrentUser() user: AuthUser, @Query() filter: FollowUpFilterDto, @Req() req: Request) {
    return pageOf(await this.followUp.plans(user, filter.facilityId), filter, req);
  }

  @Post('plans/import')
  @Authenticated(Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Importér en plan fra CSV/XLSX (afsnit;afsnitstitel;nr;anbefaling;frist;ansvarlig): alt eller intet, fejl pr. række og kolonne',
  })
  @ApiCreatedResponse({ description: 'Den importerede plan', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(413, 415)
  importPlan(
    @CurrentUser() user: AuthUser,
    @Body() body: ImportPlanDto,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    const { data, format } = uploadedTable(file);
    return this.followUp.importPlan(user, body, data, format);
  }

  @Post('plans/from-visit/:visitId')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Plan med anbefalinger og påbud fra et offentliggjort besøg (samme plan, hvis den findes)' })
  @ApiOkResponse({ description: 'Planen for besøget', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  fromVisit(@CurrentUser() user: AuthUser, @Param('visitId', uuidParam) visitId: string) {
    return this.followUp.planFromVisit(user, visitId);
  }

  @Get('plans/:id')
  @Authenticated()
  @ApiOperation({ summary: 'En plan med afsnit, anbefalinger, status og udsendte statusrapporter' })
  @ApiOkResponse({
    description: 'Planen med afsnit og anbefalinger',
    schema: { type: 'object', additionalProperties: true },
  })
  plan(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.followUp.plan(user, id);
  }

  @Post('plans/:id/import')
  @HttpCode(200)
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Indlæs planens eksport efter redigering: ændrede statusser og tekster gemmes (alt eller intet; id og version pr. række, 422 med fejl pr. række og kolonne)',
  })
  @ApiBody({ schema: { type: 'object', properties: { fil: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: 'Planen efter indlæsningen', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409, 413, 415)
  updateFromFile(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    const { data, format } = uploadedTable(file);
    return this.followUp.updateFromFile(user, id, data, format);
  }

  @Get('plans/:id/export/csv')
  @Authenticated()
  @ApiOperation({
    summary: 'Planen som CSV: overskrifter og anbefalinger i rækkefølge med id, version og status',
  })
  @ApiFileResponse('text/csv')
  async exportCsv(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    sendFile(res, await this.followUp.exportStatus(user, id, 'csv'));
  }

  @Get('plans/:id/export/xlsx')
  @Authenticated()
  @ApiOperation({
    summary: 'Planen som Excel-fil: overskrifter og anbefalinger i rækkefølge med id, version og status',
  })
  @ApiFileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportXlsx(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    sendFile(res, await this.followUp.exportStatus(user, id, 'xlsx'));
  }

  @Get('plans/:id/status-report')
  @Authenticated()
  @ApiOperation({ summary: 'Næste statusrapport som data (reportId: en udsendt)' })
  @ApiOkResponse({ description: 'Statusrapportens data', schema: { type: 'object', additionalProperties: true } })
  statusReport(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query('reportId', new UuidPipe({ optional: true })) reportId?: string,
  ) {
    return this.followUp.statusReport(user, id, reportId);
  }

  @Post('plans/:id/status-reports')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Udsend halvårets statusrapport; indholdet gemmes, som det er' })
  @ApiCreatedResponse({
    description: 'Den udsendte statusrapport',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  issue(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: IssueReportDto) {
    return this.followUp.issueReport(user, id, body);
  }

  @Get('plans/:id/status-report.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'Næste statusrapport som PDF, mærket udkast (til gennemsyn før den udsendes)' })
  @ApiFileResponse('application/pdf')
  async draftStatusReportPdf(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    const note = await this.followUp.statusReport(user, id);
    const pdf = await this.documents.printed(this.documents.statusReport(note));
    res
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition(noteFileName(note, 'Statusnotat (udkast)'), 'inline'))
      .send(pdf);
  }

  @Get('plans/:id/status-reports/:reportId.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'En udsendt statusrapport som PDF' })
  @ApiFileResponse('application/pdf')
  async statusReportPdf(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('reportId', uuidParam) reportId: string,
    @Res() res: Response,
  ) {
    const note = await this.followUp.statusReport(user, id, reportId);
    const pdf = await this.documents.printed(this.documents.statusReport(note));
    res
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition(noteFileName(note, 'Statusnotat'), 'inline'))
      .send(pdf);
  }

  @Get('overdue')
  @Authenticated()
  @ApiOperation({ summary: 'Anbefalinger med overskredet frist, der ikke er imødekommet' })
  @ApiPageResponse({ type: 'object', description: 'En anbefaling med frist og status', additionalProperties: true })
  async overdue(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto, @Req() req: Request) {
    return pageOf(await this.followUp.overdue(user), query, req);
  }

  @Get('items/:id')
  @Authenticated()
  @ApiOperation({ summary: 'En anbefaling med statushistorik' })
  @ApiOkResponse({ description: 'Anbefalingen med historik', schema: { type: 'object', additionalProperties: true } })
  item(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.followUp.item(user, id);
  }

  @Put('items/:id/status')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  @ApiOperation({
    summary: 'Meld status og statustekst (tilbuddets ledere og regionen; 409 med current ved forældet version)',
  })
  @ApiOkResponse({
    description: 'Anbefalingen, som den er gemt',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  reportStatus(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ReportStatusDto) {
    return this.followUp.reportStatus(user, id, body);
  }

  @Put('items/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary: 'Ret en anbefalings tekst, ansvarlig og frist (regionen; 409 med current ved forældet version)',
  })
  @ApiOkResponse({
    description: 'Anbefalingen, som den er gemt',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  editItem(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: EditItemDto) {
    return this.followUp.editItem(user, id, body);
  }

  @Get('sections/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Et afsnit med dets status (hvis det har én samlet status) og historik' })
  @ApiOkResponse({
    description: 'Afsnittet med status og historik',
    schema: { type: 'object', additionalProperties: true },
  })
  section(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.followUp.section(user, id);
  }

  @Put('sections/:id/status')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  @ApiOperation({
    summary: 'Meld samlet status for et afsnits anbefalinger (409 med current ved forældet version)',
  })
  @ApiOkResponse({ description: 'Afsnittet, som det er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  sectionStatus(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ReportStatusDto) {
    return this.followUp.reportSectionStatus(user, id, body);
  }

  @Get('agreements')
  @Authenticated()
  @ApiOperation({ summary: 'Udviklingsaftaler' })
  @ApiPageResponse({ type: 'object', description: 'En udviklingsaftale (tilbud, år)', additionalProperties: true })
  async agreementList(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto, @Req() req: Request) {
    return pageOf(await this.agreements.list(user), query, req);
  }

  @Post('agreements')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary:
      'Opret en udviklingsaftale for et tilbud eller en enhed, et år og et navn: (grupper →) temaer → mål → aktiviteter',
  })
  @ApiCreatedResponse({ description: 'Udviklingsaftalen', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  createAgreement(@CurrentUser() user: AuthUser, @Body() body: CreateAgreementDto) {
    return this.agreements.create(user, body);
  }

  @Post('agreements/import')
  @Authenticated(Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  @ApiOperation({
    summary:
      'Importér en udviklingsaftale fra CSV/XLSX (tema;mål;aktivitet): alt eller intet, fejl pr. række og kolonne',
  })
  @ApiCreatedResponse({ description: 'Den importerede aftale', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(413, 415)
  importAgreement(
    @CurrentUser() user: AuthUser,
    @Body() body: ImportAgreementDto,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    const { data, format } = uploadedTable(file);
    return this.agreements.importAgreement(user, body, data, format);
  }

  @Get('agreements/:id')
  @Authenticated()
  @ApiOperation({ summary: 'En udviklingsaftale med temaer, mål og aktiviteter' })
  @ApiOkResponse({
    description: 'Udviklingsaftalen med temaer, mål og aktiviteter',
    schema: { type: 'object', additionalProperties: true },
  })
  agreement(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.agreements.get(user, id);
  }

  @Post('agreements/:id/activities')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj en række (aktivitet) til en udviklingsaftale efter oprettelsen' })
  @ApiCreatedResponse({
    description: 'Udviklingsaftalen med rækken',
    schema: { type: 'object', additionalProperties: true },
  })
  addActivity(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ActivityDto) {
    return this.agreements.addActivity(user, id, body);
  }

  @Put('activities/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Ret en række i en udviklingsaftale (409 med current ved forældet version)' })
  @ApiOkResponse({ description: 'Rækken, som den er gemt', schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(409)
  editActivity(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: EditActivityDto) {
    return this.agreements.editActivity(user, id, body);
  }

  @Post('activities/:id/move')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Flyt en række op eller ned i udviklingsaftalen' })
  @ApiOkResponse({
    description: 'Udviklingsaftalen, som den er nu',
    schema: { type: 'object', additionalProperties: true },
  })
  moveActivity(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: MoveActivityDto) {
    return this.agreements.moveActivity(user, id, body.direction);
  }

  @Delete('activities/:id')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Fjern en række fra udviklingsaftalen (logget i revisionssporet)' })
  @ApiOkResponse({
    description: 'Udviklingsaftalen, som den er nu',
    schema: { type: 'object', additionalProperties: true },
  })
  removeActivity(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.agreements.removeActivity(user, id);
  }

  @Put('activities/:id/status')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  @ApiOperation({
    summary: 'Statuskategori og statustekst på en aktivitet, med historik (409 med current ved forældet version)',
  })
  @ApiOkResponse({
    description: 'Aktiviteten, som den er gemt',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiProblems(409)
  activityStatus(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ActivityStatusDto) {
    return this.agreements.reportStatus(user, id, body);
  }

  @Get('agreements/:id/report.pdf')
  @Authenticated()
  @ApiOperation({ summary: 'Opfølgning på udviklingsaftalen som PDF' })
  @ApiFileResponse('application/pdf')
  async agreementPdf(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    const data = await this.agreements.get(user, id);
    const pdf = await this.documents.printed(this.documents.agreement({ ...data, generatedAt: now().toISOString() }));
    res
      .type('application/pdf')
      .set(
        'Content-Disposition',
        contentDisposition(
          documentFileName(['Udviklingsaftale', data.facilityName, data.name, String(data.year)], 'pdf'),
          'inline',
        ),
      )
      .send(pdf);
  }
}
