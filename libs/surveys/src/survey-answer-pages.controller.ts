import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, Public, Role } from '#libs/auth';
import { ConflictError, type DomainError, type FieldError } from '#libs/core';
import { type FormOutcome, PageRenderer, PageView, submit, uuidParam, view } from '#libs/web';
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
  start() {
    return startPage(PUBLIC);
  }

  @Post('svar')
  @Public()
  open(@Body() body: FormBody) {
    return this.openForm(PUBLIC, body);
  }

  @Post('svar/svar')
  @Public()
  answer(@Body() body: FormBody) {
    const code = String(body.kode ?? '');
    return this.handle(PUBLIC, body, async () => {
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
  thanks() {
    return message(
      'Tak for dine svar',
      'Dine svar er modtaget. Koden kan ikke bruges igen, og ingen kan se, hvad netop du har svaret.',
    );
  }

  @Get('svar/gemt')
  @Public()
  saved() {
    return message(
      'Dine svar er gemt',
      'Du kan fortsætte senere: brug den samme kode igen. Svarene er først sendt, når du trykker "Send mine svar".',
    );
  }

  @Get('undersoegelser/:id/indtast')
  @Authenticated(Role.RegionStaff)
  assistedStart(@Param('id', uuidParam) id: string) {
    return startPage(assisted(id));
  }

  @Post('undersoegelser/:id/indtast')
  @Authenticated(Role.RegionStaff)
  assistedOpen(@Param('id', uuidParam) id: string, @Body() body: FormBody) {
    const mode = assistedMode(body.mode);
    if (!mode) {
      const errors = [
        { field: 'mode', rule: 'isIn', message: 'Vælg, om svarene kommer fra et interview eller et papirskema.' },
      ];
      return startPage(assisted(id), errors, 422, body);
    }
    return this.openForm(assisted(id, mode), body);
  }

  @Post('undersoegelser/:id/indtast/svar')
  @Authenticated(Role.RegionStaff)
  assistedAnswer(@Req() req: Request, @Param('id', uuidParam) id: string, @Body() body: FormBody) {
    const place = assisted(id, assistedMode(body.mode) ?? 'paper');
    return this.handle(place, body, async () => {
      await this.responses.submit(String(body.kode ?? ''), answersFromForm(body), place.mode, id);
      this.pages.flash(
        req,
        `Svarene er gemt (${RESPONSE_MODE_LABELS[place.mode!].toLowerCase()}). Indtast den næste kode.`,
      );
      return place.start;
    });
  }

  private openForm(place: Place, body: FormBody) {
    return this.handle(place, body, async () => {
      const opened = await this.responses.open(String(body.kode ?? ''), place.roundId);
      return answerForm(place, body, opened, formValues(opened.answers));
    });
  }

  /**
   * A form action whose user errors lead where the respondent can act: a refused code back to the
   * code page, a used code or a closed round to a message, invalid answers to the form again with
   * what was sent.
   */
  private handle(place: Place, body: FormBody, action: () => Promise<FormOutcome>) {
    return submit(action, async (e: DomainError) => {
      if (e instanceof ConflictError) return message('Svaret kan ikke modtages', e.detail);
      if (e.errors.some((f) => f.field === 'kode')) return startPage(place, e.errors, e.status, body);
      const opened = await this.responses.open(String(body.kode ?? ''), place.roundId);
      return answerForm(place, body, opened, answersFromForm(body) as Record<string, string>, e.errors);
    });
  }
}

type OpenedForm = Awaited<ReturnType<SurveyResponsesService['open']>>;

function startPage(place: Place, errors: FieldError[] = [], status = 200, form?: FormBody): PageView {
  const modes = place.roundId
    ? ASSISTED_MODES.map((m) => ({ value: m, label: RESPONSE_MODE_LABELS[m], checked: m === place.mode }))
    : [];
  const title = place.roundId ? 'Indtast svar' : 'Svar på spørgeskema';
  return new PageView('survey-start', title, { place, modes, errors, form }, status);
}

function answerForm(
  place: Place,
  body: FormBody,
  opened: OpenedForm,
  values: Record<string, string>,
  errors: FieldError[] = [],
): PageView {
  return view('survey-answer', opened.title, {
    view: opened,
    place,
    code: String(body.kode ?? ''),
    modeLabel: place.mode ? RESPONSE_MODE_LABELS[place.mode] : '',
    questions: questionViews(opened.questions, opened.scale, values, errors),
    errors,
  });
}

function message(title: string, text: string): PageView {
  return view('survey-message', title, { title, text });
}
