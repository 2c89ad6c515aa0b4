import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { DomainError, formatDateTime, InvalidInputError, NotFoundError } from '#libs/core';
import { FacilitiesService } from '#libs/facilities';
import { ModelVersions } from '#libs/quality-model';
import { PageRenderer, parseForm, submit, uuidParam, view } from '#libs/web';
import { CloseRoundDto, CodeDto, CreateRoundDto, IssueInvitationsDto } from './survey.dto.js';
import { resultsView } from './survey.views.js';
import { SurveyDocuments } from './survey-documents.js';
import { sendPdf } from './survey-http.js';
import { SurveyResultsService } from './survey-results.service.js';
import { SurveyRoundsService } from './survey-rounds.service.js';
import { ROUND_STATUS_LABELS, type RoundStatus } from './vocabulary.js';

/** The staff's survey pages: rounds, their invitations and results. */
@ApiExcludeController()
@Controller('undersoegelser')
export class SurveyPagesController {
  constructor(
    private readonly rounds: SurveyRoundsService,
    private readonly results: SurveyResultsService,
    private readonly facilities: FacilitiesService,
    private readonly models: ModelVersions,
    private readonly documents: SurveyDocuments,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser) {
    const rounds = (await this.rounds.list(user)).map((r) => ({
      ...r,
      statusLabel: ROUND_STATUS_LABELS[r.status as RoundStatus],
    }));
    return view('surveys', 'Tilfredshedsundersøgelser', {
      rounds,
      canCreate: user.role === Role.RegionStaff,
    });
  }

  @Get('ny')
  @Authenticated(Role.RegionStaff)
  async createForm(@CurrentUser() user: AuthUser) {
    return view('survey-round-form', 'Ny undersøgelse', await this.formData(user, {}));
  }

  @Post('ny')
  @Authenticated(Role.RegionStaff)
  async create(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const round = await this.rounds.create(user, await parseForm(CreateRoundDto, body));
        this.pages.flash(req, `Undersøgelsen for ${round.facility.name} er oprettet. Lav nu invitationerne.`);
        return `/undersoegelser/${round.id}`;
      },
      async () => view('survey-round-form', 'Ny undersøgelse', await this.formData(user, body)),
    );
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return view('survey-round', 'Tilfredshedsundersøgelse', await this.roundData(user, id));
  }

  /** The letters PDF is the answer itself: the codes in it are shown this once and never stored. */
  /** A batch of letters again (a lost download): its unused codes, each on its own letter. */
  @Get(':id/breve/:batchId')
  @Authenticated(Role.RegionStaff)
  async batchLetters(
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Param('batchId', uuidParam) batchId: string,
  ) {
    let fileName = 'Invitationer.pdf';
    const pdf = await this.rounds.reprintBatch(user, id, batchId, (letters) => {
      fileName = this.documents.lettersFileName(letters);
      return this.documents.letters(letters);
    });
    sendPdf(res, fileName, pdf);
  }

  @Get(':id/breve/:batchId/annuller')
  @Authenticated(Role.RegionStaff)
  async voidBatchConfirm(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('batchId', uuidParam) batchId: string,
  ) {
    return view('confirm', 'Annullér breve', await this.voidConfirm(user, id, batchId));
  }

  @Post(':id/breve/:batchId/annuller')
  @Authenticated(Role.RegionStaff)
  async voidBatch(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('batchId', uuidParam) batchId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const b = await this.rounds.voidBatch(user, id, batchId, typeof body.reason === 'string' ? body.reason : '');
        this.pages.flash(
          req,
          `Brevene (sæt ${b.number}) er annulleret: ${b.withdrawn} ubrugte ${b.withdrawn === 1 ? 'kode er' : 'koder er'} trukket tilbage.`,
        );
        return `/undersoegelser/${id}#breve`;
      },
      async () => view('confirm', 'Annullér breve', await this.voidConfirm(user, id, batchId)),
    );
  }

  private async voidConfirm(user: AuthUser, id: string, batchId: string) {
    const batch = (await this.rounds.letterBatches(user, id)).find((b) => b.id === batchId);
    if (!batch) throw new NotFoundError('Brevene findes ikke');
    return {
      confirm: {
        title: 'Annullér breve',
        subject: `Sæt ${batch.number}: ${batch.count} breve${batch.unit ? ` til ${batch.unit}` : ''}, lavet ${formatDateTime(batch.createdAt)} af ${batch.createdByName}`,
        question: `${batch.unused} af brevenes koder er ikke brugt. Annullerer du brevene, kan de ubrugte koder ikke længere bruges, og de tæller ikke som inviteret. Svar, der allerede er givet, bliver.`,
        warning: 'Kan ikke fortrydes: lav nye breve, hvis der skal inviteres igen.',
        action: `/undersoegelser/${id}/breve/${batchId}/annuller`,
        back: `/undersoegelser/${id}#breve`,
        reason: 'Hvorfor (valgfrit, fx »filen gik tabt«)',
        button: 'Annullér brevene',
        hidden: [],
      },
    };
  }

  @Post(':id/invitationer')
  @Authenticated(Role.RegionStaff)
  async letters(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    try {
      const dto = await parseForm(IssueInvitationsDto, body);
      let fileName = 'Invitationer.pdf';
      const pdf = await this.rounds.issueInvitations(user, id, dto, (letters) => {
        fileName = this.documents.lettersFileName(letters);
        return this.documents.letters(letters);
      });
      sendPdf(res, fileName, pdf);
    } catch (e) {
      if (!(e instanceof DomainError) || e.status >= 500) throw e;
      this.pages.render(
        req,
        res,
        'survey-round',
        'Tilfredshedsundersøgelse',
        {
          ...(await this.roundData(user, id)),
          form: body,
          errors: e.errors.length ? e.errors : [{ field: '', rule: 'domain', message: e.detail }],
        },
        e.status,
      );
    }
  }

  @Post(':id/annuller-kode')
  @Authenticated(Role.RegionStaff)
  async cancelCode(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.rounds.cancelInvitation(user, id, (await parseForm(CodeDto, body)).code);
        this.pages.flash(req, 'Koden er annulleret og kan ikke længere bruges.');
        return `/undersoegelser/${id}`;
      },
      async () => view('survey-round', 'Tilfredshedsundersøgelse', await this.roundData(user, id)),
    );
  }

  /** Closing cannot be undone: a confirmation page says what follows and asks why. */
  @Get(':id/luk')
  @Authenticated(Role.RegionStaff)
  async confirmClose(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return view('confirm', 'Luk undersøgelsen', await this.closeConfirm(user, id));
  }

  @Post(':id/luk')
  @Authenticated(Role.RegionStaff)
  async close(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const dto = await parseForm(CloseRoundDto, body);
        if (!dto.reason?.trim())
          throw new InvalidInputError('Skriv hvorfor undersøgelsen lukkes', [
            { field: 'reason', rule: 'isNotEmpty', message: 'en lukning kan ikke fortrydes; skriv begrundelsen' },
          ]);
        await this.rounds.close(user, id, dto.version, dto.reason);
        this.pages.flash(req, 'Undersøgelsen er lukket.');
        return `/undersoegelser/${id}`;
      },
      async () => view('confirm', 'Luk undersøgelsen', await this.closeConfirm(user, id)),
    );
  }

  private async closeConfirm(user: AuthUser, id: string) {
    const round = await this.rounds.get(user, id);
    return {
      fieldLabels: { reason: 'Begrundelse', version: 'Version' },
      confirm: {
        title: 'Luk undersøgelsen',
        subject: `Tilfredshedsundersøgelse – ${round.facility.name}`,
        question:
          'Når undersøgelsen lukkes, kan der ikke svares mere, påbegyndte svar slettes, og resultaterne tæller i tilbuddets scorer. Det kan ikke fortrydes; lukningen og begrundelsen gemmes i loggen.',
        warning: '',
        button: 'Luk undersøgelsen',
        reason: 'Hvorfor lukkes undersøgelsen?',
        action: `/undersoegelser/${id}/luk`,
        back: `/undersoegelser/${id}`,
        hidden: [{ name: 'version', value: round.version }],
      },
    };
  }

  private async formData(user: AuthUser, form: Record<string, unknown>) {
    const [facilities, versions] = await Promise.all([this.facilities.list(user), this.models.published()]);
    return {
      form,
      facilities: facilities.map((f) => ({ id: f.id, name: f.name, selected: f.id === form.facilityId })),
      questionnaires: this.rounds
        .questionnaireList()
        .map((q) => ({ ...q, checked: q.key === (form.questionnaireKey ?? 'beboere') })),
      versions: versions.map((v) => ({
        ...v,
        selected: v.id === form.modelVersionId || (!form.modelVersionId && v.modelKey === 'socialtilsyn'),
      })),
    };
  }

  private async roundData(user: AuthUser, id: string) {
    const r = await this.results.results(user, id);
    const round = r.round;
    const open = round.status === 'open';
    const batches = user.role === Role.RegionStaff ? await this.rounds.letterBatches(user, id) : [];
    return {
      batches: batches.map((b) => ({ ...b, printable: open && !b.voidedAt && b.unused > 0 })),
      round: {
        ...round,
        statusLabel: ROUND_STATUS_LABELS[round.status as RoundStatus],
        responsePercent: round.responseRate === null ? '–' : `${Math.round(round.responseRate * 100)} %`,
      },
      results: resultsView(r),
      canManage: user.role === Role.RegionStaff && open,
      units: round.facility.units,
    };
  }
}
