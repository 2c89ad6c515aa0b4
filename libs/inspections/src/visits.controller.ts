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
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor, FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { IsInt4 } from '#libs/core';
import { contentDisposition } from '#libs/documents';
import { ApiFileResponse, ApiPageResponse, ApiProblems, type Page, PageQueryDto, pageOf, uuidParam } from '#libs/web';
import { ChecklistService } from './checklist.service.js';
import { FindingsService } from './findings.service.js';
import { HearingService } from './hearing.service.js';
import {
  AnswerDto,
  AssessmentsDto,
  AttachmentDto,
  ChecklistDto,
  FindingViewDto,
  FocusGroupNoteViewDto,
  HearingCommentDto,
  PlanningRowDto,
  VisitDto,
  VisitSummaryDto,
} from './inspections.responses.js';
import {
  CorrectDateDto,
  FindingDto,
  FocusGroupNoteDto,
  HearingAnswerDto,
  HearingOutcomeDto,
  PlanVisitDto,
  SaveAnswerDto,
  SaveAssessmentsDto,
  TransitionDto,
  VisitFilterDto,
} from './visit.dto.js';
import { VisitPlanningService } from './visit-planning.service.js';
import { VisitsService } from './visits.service.js';
import { MAX_ATTACHMENT_BYTES, MAX_PHOTO_BYTES } from './vocabulary.js';

type UploadedImage = { originalname: string; buffer: Buffer };

class UpdateFindingDto extends FindingDto {
  @IsInt4(1) version: number;
}

@ApiTags('visits')
@ApiBearerAuth()
@Controller('api/v1')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly checklist: ChecklistService,
    private readonly findings: FindingsService,
    private readonly planning: VisitPlanningService,
    private readonly hearing: HearingService,
  ) {}

  @Get('visits')
  @Authenticated()
  @ApiOperation({ summary: 'Besøg, som brugeren har adgang til, nyeste planlagte dato først (så tilbud og id)' })
  @ApiPageResponse(VisitSummaryDto)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() filter: VisitFilterDto,
    @Req() req: Request,
  ): Promise<Page<VisitSummaryDto>> {
    return pageOf(await this.visits.list(user, filter), filter, req);
  }

  @Post('visits')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Planlæg et anmeldt eller uanmeldt besøg' })
  @ApiCreatedResponse({ type: VisitDto })
  plan(@CurrentUser() user: AuthUser, @Body() body: PlanVisitDto) {
    return this.visits.plan(user, body);
  }

  @Get('visit-planning')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Forfaldne og snart forfaldne besøg pr. tilbud og besøgstype, mest forfaldne først' })
  @ApiPageResponse(PlanningRowDto)
  async planningStatus(@Query() query: PageQueryDto, @Req() req: Request): Promise<Page<PlanningRowDto>> {
    return pageOf(await this.planning.status(), query, req);
  }

  @Get('visits/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Et besøg med tjekliste, bilag, fokusgruppenoter og fund' })
  @ApiOkResponse({ type: ChecklistDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.checklist.checklist(user, id);
  }

  @Put('visits/:id/answers/:indicatorId')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({
    summary: 'Gem ét svar (autosave). version 0 for et nyt svar; 409 med det gemte svar ved forældet version',
  })
  @ApiProblems(409)
  @ApiOkResponse({ type: AnswerDto })
  saveAnswer(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('indicatorId', uuidParam) indicatorId: string,
    @Body() body: SaveAnswerDto,
  ) {
    return this.checklist.saveAnswer(user, id, indicatorId, body);
  }

  @Put('visits/:id/assessments')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({
    summary: 'Gem den samlede vurdering og vurderingen af hvert tema (kræves før indsendelse; trykkes i rapporten)',
  })
  @ApiOkResponse({ type: AssessmentsDto })
  @ApiProblems(409)
  saveAssessments(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: SaveAssessmentsDto) {
    return this.checklist.saveAssessments(user, id, body);
  }

  @Post('visits/:id/attachments')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileInterceptor('fil', { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1 }, defParamCharset: 'utf8' }),
  )
  @ApiOperation({ summary: 'Vedhæft PDF eller billede (højst 10 MB) som dokumentation' })
  @ApiProblems(409, 413)
  @ApiBody({
    schema: {
      type: 'object',
      properties: { fil: { type: 'string', format: 'binary', description: 'PDF eller billede, højst 10 MB' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  addAttachment(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file?: { originalname: string; buffer: Buffer },
  ) {
    return this.checklist.addAttachment(user, id, file);
  }

  @Post('visits/:id/photos')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'foto', maxCount: 1 },
        { name: 'miniature', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_PHOTO_BYTES + 1, files: 2, fields: 2 }, defParamCharset: 'utf8' },
    ),
  )
  @ApiOperation({
    summary:
      'Gem et foto fra tjeklisten (JPEG/PNG højst 2 MB, miniature højst 100 kB, clientKey fra browseren; samme clientKey giver det gemte foto)',
  })
  @ApiProblems(409, 413)
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        foto: { type: 'string', format: 'binary' },
        miniature: { type: 'string', format: 'binary' },
        clientKey: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  addPhoto(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @UploadedFiles() files: { foto?: UploadedImage[]; miniature?: UploadedImage[] } | undefined,
    @Body() body: { clientKey?: string },
  ) {
    return this.checklist.addPhoto(user, id, {
      photo: files?.foto?.[0],
      thumbnail: files?.miniature?.[0],
      clientKey: typeof body?.clientKey === 'string' ? body.clientKey : undefined,
    });
  }

  @Get('visits/:id/attachments/:attachmentId')
  @Authenticated()
  @ApiOperation({ summary: 'Hent et bilag' })
  @ApiFileResponse('application/pdf', 'image/jpeg', 'image/png')
  async attachment(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('attachmentId', uuidParam) attachmentId: string,
    @Res() res: Response,
  ) {
    const a = await this.checklist.attachmentFile(user, id, attachmentId);
    res
      .type(a.contentType)
      .set('Content-Disposition', contentDisposition(a.fileName))
      .set('Digest', `sha-256=${Buffer.from(a.sha256, 'hex').toString('base64')}`)
      .send(a.data);
  }

  @Post('visits/:id/focus-group-notes')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj noter fra en fokusgruppe, knyttet til indikatorer' })
  @ApiProblems(409)
  @ApiCreatedResponse({ type: FocusGroupNoteViewDto })
  addNote(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: FocusGroupNoteDto) {
    return this.findings.addNote(user, id, body);
  }

  @Post('visits/:id/findings')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Tilføj udviklingspunkt, anbefaling eller påbud (påbud kræver frist)' })
  @ApiProblems(409)
  @ApiCreatedResponse({ type: FindingViewDto })
  addFinding(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: FindingDto) {
    return this.findings.add(user, id, body);
  }

  @Put('visits/:id/findings/:findingId')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Ret et fund (409 ved forældet version)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: FindingViewDto })
  updateFinding(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('findingId', uuidParam) findingId: string,
    @Body() body: UpdateFindingDto,
  ) {
    return this.findings.update(user, id, findingId, body);
  }

  @Delete('visits/:id/findings/:findingId')
  @HttpCode(204)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Slet et fund fra et besøg under udarbejdelse (?reason= påkrævet; gemmes i loggen)' })
  @ApiProblems(409)
  @ApiQuery({ name: 'reason', required: true, description: 'Hvorfor fundet slettes (gemmes i loggen)' })
  @ApiNoContentResponse({ description: 'Slettet' })
  removeFinding(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('findingId', uuidParam) findingId: string,
    @Query('reason') reason = '',
  ) {
    return this.findings.remove(user, id, findingId, reason);
  }

  @Post('visits/:id/date')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Ret datoen for et besøg, der fandt sted en anden dag (med begrundelse)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  correctDate(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: CorrectDateDto) {
    return this.visits.correctDate(user, id, body);
  }

  @Post('visits/:id/hearing-answer')
  @HttpCode(200)
  @Authenticated(Role.FacilityLeader)
  @ApiOperation({ summary: 'Tilbuddets høringssvar: kommentarer til temaer eller hele udkastet' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  answerHearing(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: HearingAnswerDto) {
    return this.hearing.answer(user, id, body);
  }

  @Get('visits/:id/hearing-comments')
  @Authenticated()
  @ApiOperation({ summary: 'Høringssvarets kommentarer og hvad de førte til, efter tema' })
  @ApiPageResponse(HearingCommentDto)
  async hearingComments(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() query: PageQueryDto,
    @Req() req: Request,
  ): Promise<Page<HearingCommentDto>> {
    return pageOf(await this.hearing.comments(user, id), query, req);
  }

  @Put('visits/:id/hearing-comments/:commentId')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Notér hvad en høringskommentar førte til (ændret / ikke ændret, med begrundelse)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: HearingCommentDto })
  recordOutcome(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('commentId', uuidParam) commentId: string,
    @Body() body: HearingOutcomeDto,
  ) {
    return this.hearing.recordOutcome(user, id, commentId, body);
  }

  @Post('visits/:id/submit')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Indsend besøget til godkendelse (fra kladde eller sendt retur)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'submit', body);
  }

  @Post('visits/:id/approve')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Godkend et indsendt besøg (fire øjne: ikke den, der indsendte)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'approve', body);
  }

  @Post('visits/:id/return')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Send besøget retur med en kommentar (comment påkrævet)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  return(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'return', body);
  }

  @Post('visits/:id/send_for_hearing')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Send den godkendte rapport i partshøring hos tilbuddet (deadline, standard 14 dage)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  sendForHearing(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'send_for_hearing', body);
  }

  @Post('visits/:id/publish')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Offentliggør rapporten (reason påkrævet før høringsfristen uden høringssvar)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'publish', body);
  }

  @Post('visits/:id/cancel')
  @HttpCode(200)
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @ApiOperation({ summary: 'Aflys besøget (reason påkrævet)' })
  @ApiProblems(409)
  @ApiOkResponse({ type: VisitDto })
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: TransitionDto) {
    return this.visits.transition(user, id, 'cancel', body);
  }
}
