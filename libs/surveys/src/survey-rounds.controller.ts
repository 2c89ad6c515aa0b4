import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { sendFile } from '#libs/documents';
import { ApiFileResponse, ApiPageResponse, ApiProblems, type Page, PageQueryDto, pageOf, uuidParam } from '#libs/web';
import {
  AssistedEntryDto,
  CloseRoundDto,
  CodeDto,
  CreateRoundDto,
  IssueInvitationsDto,
  RoundFilterDto,
  VoidBatchDto,
} from './survey.dto.js';
import { SurveyDocuments } from './survey-documents.js';
import { sendPdf } from './survey-http.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveyRoundsService } from './survey-rounds.service.js';
import {
  LetterBatchDto,
  QuestionnaireSummaryDto,
  ReceivedDto,
  RoundDto,
  RoundSummaryDto,
} from './surveys.responses.js';

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/v1')
export class SurveyRoundsController {
  constructor(
    private readonly rounds: SurveyRoundsService,
    private readonly responses: SurveyResponsesService,
    private readonly results: SurveyResultsService,
    private readonly documents: SurveyDocuments,
  ) {}

  @Get('survey-questionnaires')
  @Authenticated()
  @ApiOperation({ summary: 'Spørgeskemaskabeloner (beboere, pårørende)' })
  @ApiPageResponse(QuestionnaireSummaryDto)
  questionnaires(@Query() query: PageQueryDto, @Req() req: Request): Page<QuestionnaireSummaryDto> {
    return pageOf(this.rounds.questionnaireList(), query, req);
  }

  @Get('survey-rounds')
  @Authenticated()
  @ApiOperation({ summary: 'Undersøgelsesrunder, som brugeren har adgang til, nyeste periode først (så tilbud og id)' })
  @ApiPageResponse(RoundSummaryDto)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() filter: RoundFilterDto,
    @Req() req: Request,
  ): Promise<Page<RoundSummaryDto>> {
    return pageOf(await this.rounds.list(user, filter), filter, req);
  }

  @Post('survey-rounds')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary:
      'Start en runde for et tilbud og en periode (422 med recentRound, hvis der var en runde for under 2 år siden og confirmRecent mangler)',
  })
  @ApiCreatedResponse({ type: RoundDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateRoundDto): Promise<RoundDto> {
    return this.rounds.create(user, body);
  }

  @Get('survey-rounds/:id')
  @Authenticated()
  @ApiOperation({ summary: 'En runde med antal invitationer og svar' })
  @ApiOkResponse({ type: RoundDto })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.rounds.get(user, id);
  }

  @Post('survey-rounds/:id/close')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Luk runden: ikke flere svar, kladder slettes' })
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(409)
  close(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: CloseRoundDto) {
    return this.rounds.close(user, id, body.version, body.reason);
  }

  @Post('survey-rounds/:id/invitations')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Lav engangskoder. Koderne gemmes kun som hash og vises kun i dette svar' })
  @ApiCreatedResponse({
    description: 'Koderne (kun her) og afdelingen',
    schema: {
      type: 'object',
      properties: { codes: { type: 'array', items: { type: 'string' } }, unit: { type: ['string', 'null'] } },
    },
  })
  @ApiProblems(409)
  invitations(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: IssueInvitationsDto) {
    return this.rounds.issueInvitations(user, id, body, async ({ codes, unit }) => ({ codes, unit }));
  }

  @Post('survey-rounds/:id/invitations/cancel')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Annullér en ubrugt kode (fx fra et bortkommet brev); 409 hvis den er brugt' })
  @ApiOkResponse({ type: RoundDto })
  @ApiProblems(409)
  cancelInvitation(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: CodeDto) {
    return this.rounds.cancelInvitation(user, id, body.code);
  }

  @Post('survey-rounds/:id/letters')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({
    summary:
      'Lav et sæt engangskoder som PDF-breve med QR-kode (én side pr. kode). Sættet registreres; koderne står kun på brevene',
  })
  @ApiFileResponse('application/pdf')
  @ApiProblems(409)
  async letters(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() body: IssueInvitationsDto,
    @Res() res: Response,
  ) {
    let fileName = 'Invitationer.pdf';
    const pdf = await this.rounds.issueInvitations(user, id, body, (letters) => {
      fileName = this.documents.lettersFileName(letters);
      return this.documents.letters(letters);
    });
    sendPdf(res, fileName, pdf);
  }

  @Get('survey-rounds/:id/letter-batches')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Rundens sæt af breve: antal, hvornår, af hvem, ubrugte koder, annulleret' })
  @ApiPageResponse(LetterBatchDto)
  async letterBatches(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Query() query: PageQueryDto,
    @Req() req: Request,
  ) {
    return pageOf(await this.rounds.letterBatches(user, id), query, req);
  }

  @Get('survey-rounds/:id/letter-batches/:batchId/letters')
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Et sæt breve igen som PDF (de ubrugte koder); ikke for et annulleret sæt' })
  @ApiFileResponse('application/pdf')
  @ApiProblems(409)
  async batchLetters(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('batchId', uuidParam) batchId: string,
    @Res() res: Response,
  ) {
    let fileName = 'Invitationer.pdf';
    const pdf = await this.rounds.reprintBatch(user, id, batchId, (letters) => {
      fileName = this.documents.lettersFileName(letters);
      return this.documents.letters(letters);
    });
    sendPdf(res, fileName, pdf);
  }

  @Post('survey-rounds/:id/letter-batches/:batchId/void')
  @HttpCode(200)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Annullér et sæt breve: de ubrugte koder trækkes tilbage og tæller ikke som inviteret' })
  @ApiOkResponse({ type: LetterBatchDto })
  @ApiProblems(409)
  voidBatch(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('batchId', uuidParam) batchId: string,
    @Body() body: VoidBatchDto,
  ) {
    return this.rounds.voidBatch(user, id, batchId, body.reason ?? '');
  }

  @Post('survey-rounds/:id/responses')
  @HttpCode(201)
  @Authenticated(Role.RegionStaff)
  @ApiOperation({ summary: 'Indtast svar fra et interview eller et papirskema med respondentens kode' })
  @ApiCreatedResponse({ type: ReceivedDto })
  @ApiProblems(409)
  async assisted(@Param('id', uuidParam) id: string, @Body() body: AssistedEntryDto) {
    await this.responses.submit(body.code, body.answers, body.mode, id);
    return { received: true };
  }

  @Get('survey-rounds/:id/results')
  @Authenticated()
  @ApiOperation({ summary: 'Svarprocent, fordelinger og gennemsnit pr. indikator; intet tal for færre end 5 svar' })
  @ApiOkResponse({ description: 'Resultaterne pr. spørgsmål', schema: { type: 'object', additionalProperties: true } })
  resultsOf(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.results.results(user, id);
  }

  @Get('survey-rounds/:id/report')
  @Authenticated()
  @ApiOperation({ summary: 'Resultaterne som PDF-rapport (samme regler for færre end 5 svar)' })
  @ApiFileResponse('application/pdf')
  async report(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    const results = await this.results.results(user, id);
    sendPdf(res, this.documents.reportFileName(results), await this.documents.printed(this.documents.report(results)));
  }

  @Get('survey-rounds/:id/export/csv')
  @Authenticated()
  @ApiOperation({ summary: 'De anonyme svar som CSV (først fra 5 svar)' })
  @ApiFileResponse('text/csv')
  @ApiProblems(409)
  async exportCsv(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    await this.sendExport(res, user, id, 'csv');
  }

  @Get('survey-rounds/:id/export/xlsx')
  @Authenticated()
  @ApiOperation({ summary: 'De anonyme svar som Excel-fil (først fra 5 svar)' })
  @ApiFileResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProblems(409)
  async exportXlsx(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res() res: Response) {
    await this.sendExport(res, user, id, 'xlsx');
  }

  private async sendExport(res: Response, user: AuthUser, id: string, format: 'csv' | 'xlsx') {
    const file = await this.results.export(user, id, format);
    sendFile(res, file);
  }
}
