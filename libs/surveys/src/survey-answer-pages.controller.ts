import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, Public, Role } from '#libs/auth';
import { ConflictError, DomainError, type FieldError } from '#libs/core';
import { PageRenderer, uuidParam } from '#libs/web';
import { answersFromForm, formValues, questionViews } from './survey.views.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { RESPONSE_MODE_LABELS, type ResponseMode } from './vocabulary.js';

type FormBody = Record<string, unknown>;

/** Where a form lives: the public pages (/svar), or staff entering an interview or a paper form. */
interface Place {
  start: string;
  answer: string;
  roundId?: string;
  mode?: ResponseMode;
}
const PUBLIC: Place = { start: '/svar', answer: '/svar/svar' };
const assisted = (roundId: string, mode?: ResponseMode): Place => ({
  start: `/undersoegelser/${roundId}/indtast`,
  answer: `/undersoegelser/${roundId}/indtast/svar`,
  roundId,
  mode,
});
const ASSISTED_MODES = ['interview', 'paper'] as const;
const assistedMode = (v: unknown): ResponseMode | undefined => ASSISTED_MODES.find((m) => m === v);

/**
 * The answer form: respondents without login (a code from the letter), and region staff typing in
 * interviews and paper forms. The code travels only in form bodies, never in a URL, and the pages
 * are not cached, so a shared tablet does not keep someone's answers.
 */
@ApiExcludeController()
@Controller()
export class SurveyAnswerPagesController {
  constructor(
    private readonly responses: SurveyResponsesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('svar')
  @Public()
  start(@Req() req: Request, @Res() res: Response) {
    this.startPage(req, res, PUBLIC);
  }

  @Post('svar')
  @Public()
  open(@Req() req: Request, @Res() res: Response, @Body() body: FormBody) {
    return this.openForm(req, res, PUBLIC, body);
  }

  @Post('svar/svar')
  @Public()
  answer(@Req() req: Request, @Res() res: Response, @Body() body: FormBody) {
    const code = String(body.kode ?? '');
    return this.handle(req, res, PUBLIC, body, async () => {
      if (body.handling === 'gem') {
        await this.responses.saveDraft(code, answersFromForm(body));
        return '/svar/gemt';
      }
      await this.responses.submit(code, answersFromForm(body));
      return '/svar/tak';
    });
  }

  @Get('svar/tak')
  @Public()
  thanks(@Req() req: Request, @Res() res: Response) {
    this.message(
      req,
      res,
      'Tak for dine svar',
      'Dine svar er modtaget. Koden kan ikke bruges igen, og ingen kan se, hvad netop du har svaret.',
      200,
    );
  }

  @Get('svar/gemt')
  @Public()
  saved(@Req() req: Request, @Res() res: Response) {
    this.message(
      req,
      res,
      'Dine svar er gemt',
      'Du kan fortsætte senere: brug den samme kode igen. Svarene er først sendt, når du trykker "Send mine svar".',
      200,
    );
  }

  @Get('undersoegelser/:id/indtast')
  @Authenticated(Role.RegionStaff)
  assistedStart(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam) id: string) {
    this.startPage(req, res, assisted(id));
  }

  @Post('undersoegelser/:id/indtast')
  @Authenticated(Role.RegionStaff)
  assistedOpen(@Req() req: Request, @Res() res: Response, @Param('id', uuidParam) id: string, @Body() body: FormBody) {
    const mode = assistedMode(body.mode);
    if (!mode)
      return this.startPage(
        req,
        res,
        assisted(id),
        [{ field: 'mode', rule: 'isIn', message: 'Vælg, om svarene kommer fra et interview eller et papirskema.' }],
        422,
      );
    return this.openForm(req, res, assisted(id, mode), body);
  }

  @Post('undersoegelser/:id/indtast/svar')
  @Authenticated(Role.RegionStaff)
  assistedAnswer(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Body() body: FormBody,
  ) {
    const place = assisted(id, assistedMode(body.mode) ?? 'paper');
    return this.handle(req, res, place, body, async () => {
      await this.responses.submit(String(body.kode ?? ''), answersFromForm(body), place.mode, id);
      this.pages.flash(
        req,
        `Svarene er gemt (${RESPONSE_MODE_LABELS[place.mode!].toLowerCase()}). Indtast den næste kode.`,
      );
      return place.start;
    });
  }

  private startPage(req: Request, res: Response, place: Place, errors: FieldError[] = [], status = 200) {
    const modes = place.roundId
      ? ASSISTED_MODES.map((m) => ({ value: m, label: RESPONSE_MODE_LABELS[m], checked: m === place.mode }))
      : [];
    this.pages.render(
      req,
      res,
      'survey-start',
      place.roundId ? 'Indtast svar' : 'Svar på spørgeskema',
      { place, modes, errors, form: req.body },
      status,
    );
  }

  private async openForm(req: Request, res: Response, place: Place, body: FormBody) {
    await this.handle(req, res, place, body, async () => {
      const view = await this.responses.open(String(body.kode ?? ''), place.roundId);
      this.form(req, res, place, body, view, formValues(view.answers));
      return null;
    });
  }

  private form(
    req: Request,
    res: Response,
    place: Place,
    body: FormBody,
    view: Awaited<ReturnType<SurveyResponsesService['open']>>,
    values: Record<string, string>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    this.pages.render(
      req,
      res,
      'survey-answer',
      view.title,
      {
        view,
        place,
        code: String(body.kode ?? ''),
        modeLabel: place.mode ? RESPONSE_MODE_LABELS[place.mode] : '',
        questions: questionViews(view.questions, view.scale, values, errors),
        errors,
      },
      status,
    );
  }

  private message(req: Request, res: Response, title: string, text: string, status: number) {
    this.pages.render(req, res, 'survey-message', title, { title, text }, status);
  }

  /**
   * Runs a form action; redirects (303) to the path it returns, if any. A refused code goes back
   * to the code page, a used code or a closed round gets a message, invalid answers the form
   * again with what was sent.
   */
  private async handle(
    req: Request,
    res: Response,
    place: Place,
    body: FormBody,
    action: () => Promise<string | null>,
  ) {
    try {
      const target = await action();
      if (!target) return;
      await new Promise<void>((resolve) => (req.session?.save ? req.session.save(() => resolve()) : resolve())); // keep the flash
      res.redirect(303, target);
    } catch (e) {
      if (!(e instanceof DomainError) || e.status >= 500) throw e;
      if (e instanceof ConflictError) return this.message(req, res, 'Svaret kan ikke modtages', e.detail, e.status);
      if (e.errors.some((f) => f.field === 'kode')) return this.startPage(req, res, place, e.errors, e.status);
      const view = await this.responses.open(String(body.kode ?? ''), place.roundId);
      this.form(req, res, place, body, view, answersFromForm(body) as Record<string, string>, e.errors, e.status);
    }
  }
}
