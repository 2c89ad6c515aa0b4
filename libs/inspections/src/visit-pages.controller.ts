import { Body, Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { addDays, DomainError, NotFoundError, today } from '#libs/core';
import { sendFile } from '#libs/documents';
import { FacilitiesService } from '#libs/facilities';
import {
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  INDICATOR_KIND_LABELS,
  type IndicatorKind,
  ModelVersions,
} from '#libs/quality-model';
import { PageRenderer, parseForm, submit, uuidParam, view } from '#libs/web';
import { ChecklistService } from './checklist.service.js';
import { FindingsService } from './findings.service.js';
import { HearingService } from './hearing.service.js';
import { InspectionsRepository } from './inspections.repository.js';
import {
  CorrectDateDto,
  FindingDto,
  FocusGroupNoteDto,
  HearingAnswerDto,
  HearingOutcomeDto,
  PlanVisitDto,
  SaveAssessmentsDto,
  TransitionDto,
} from './visit.dto.js';
import type { ChecklistView } from './visit.views.js';
import { VisitPlanningService } from './visit-planning.service.js';
import {
  availableSteps,
  DATE_CORRECTABLE,
  DEFAULT_HEARING_DAYS,
  mayEditContent,
  needsJustification,
  type VisitStep,
} from './visit-workflow.js';
import { VisitsService } from './visits.service.js';
import {
  ASSESSMENT_LABELS,
  FINDING_KIND_LABELS,
  FINDING_KINDS,
  HEARING_OUTCOME_LABELS,
  HEARING_OUTCOMES,
  MAX_ATTACHMENT_BYTES,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_STATUS_LABELS,
  type VisitKind,
  type VisitStatus,
} from './vocabulary.js';

/** Field names as the forms call them, for the error summary. */
const PLAN_LABELS = {
  facilityId: 'Tilbud',
  kind: 'Besøgstype',
  plannedDate: 'Dato',
  inspectorIds: 'Tilsynskonsulenter',
  modelVersionId: 'Kvalitetsmodel',
  method: 'Metode og kilder',
  themeIds: 'Temaer',
};
const VISIT_LABELS = {
  kind: 'Type',
  text: 'Tekst',
  owner: 'Ansvarlig',
  deadline: 'Frist',
  indicatorIds: 'Indikatorer',
  comment: 'Kommentar',
  participants: 'Deltagere',
  answers: 'Tjekliste',
  fil: 'Fil',
  plannedDate: 'Dato',
  reason: 'Begrundelse',
  overall: 'Kommentar til hele udkastet',
  outcome: 'Afgørelse',
  outcomes: 'Høringssvar',
  overallAssessment: 'Samlet vurdering',
  themeAssessments: 'Temaernes vurdering',
};
const STATE_LABELS = { overdue: 'Overskredet', due: 'Forfalder snart', planned: 'Planlagt', ok: 'I orden' } as const;
const STEP_DONE: Record<VisitStep, string> = {
  submit: 'Besøget er sendt til godkendelse.',
  approve: 'Besøget er godkendt.',
  return: 'Besøget er sendt retur.',
  send_for_hearing: 'Udkastet er sendt i høring hos tilbuddet.',
  answer_hearing: 'Tak. Jeres høringssvar er sendt til regionen.',
  publish: 'Rapporten er offentliggjort for tilbuddet.',
  cancel: 'Besøget er aflyst.',
};
/** The steps as the page addresses them. */
const STEP_PATHS: Record<string, VisitStep> = {
  indsend: 'submit',
  godkend: 'approve',
  retur: 'return',
  hoering: 'send_for_hearing',
  offentliggoer: 'publish',
  aflys: 'cancel',
};

/** Steps that cannot be undone go through a confirmation page that asks for the reason. */
const CONFIRM: Partial<Record<VisitStep, { title: string; question: string; button: string; reason: string }>> = {
  cancel: {
    title: 'Aflys besøget',
    question: 'Et aflyst besøg kan ikke genoptages; et nyt besøg skal planlægges.',
    button: 'Aflys besøget',
    reason: 'Hvorfor aflyses besøget?',
  },
  publish: {
    title: 'Offentliggør rapporten',
    question: 'Den endelige rapport bliver synlig for tilbuddet og tæller i resultaterne. Det kan ikke fortrydes.',
    button: 'Offentliggør',
    reason: 'Begrundelse (påkrævet, hvis høringsfristen ikke er udløbet og tilbuddet ikke har svaret)',
  },
};

/** Indicators grouped by theme (standard) with their full text, as checkboxes; `chosen` as the form sent them. */
function indicatorThemes(indicators: ChecklistView['indicators'], chosen: unknown) {
  const ticked = new Set([chosen ?? []].flat());
  const themes = new Map<
    string,
    { title: string; indicators: { id: string; code: string; text: string; checked: boolean }[] }
  >();
  for (const i of indicators) {
    const theme = themes.get(i.standardId) ?? { title: `${i.standardCode} ${i.standardTitle}`, indicators: [] };
    theme.indicators.push({ id: i.id, code: i.code, text: i.text, checked: ticked.has(i.id) });
    themes.set(i.standardId, theme);
  }
  return [...themes.values()];
}

@ApiExcludeController()
@Controller('besoeg')
export class VisitPagesController {
  constructor(
    private readonly visits: VisitsService,
    private readonly checklist: ChecklistService,
    private readonly findings: FindingsService,
    private readonly planning: VisitPlanningService,
    private readonly facilities: FacilitiesService,
    private readonly repo: InspectionsRepository,
    private readonly hearing: HearingService,
    private readonly models: ModelVersions,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser) {
    const visits = (await this.visits.list(user)).map((v) => ({
      ...v,
      kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
      statusLabel: VISIT_STATUS_LABELS[v.status as VisitStatus],
    }));
    return view('visits', 'Tilsynsbesøg', { visits, canPlan: user.role !== Role.FacilityLeader });
  }

  @Get('ny')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async planForm(
    @CurrentUser() user: AuthUser,
    @Query('facilityId') facilityId?: string,
    @Query('kind') kind?: string,
  ) {
    // the front page's overdue rows link here with the facility and the kind of visit chosen
    return view(
      'visit-plan',
      'Planlæg besøg',
      await this.planData(user, {
        inspectorIds: user.role === Role.Inspector ? [user.id] : [],
        facilityId: typeof facilityId === 'string' ? facilityId : undefined,
        kind: VISIT_KINDS.includes(kind as VisitKind) ? kind : undefined,
      }),
    );
  }

  @Post('ny')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async plan(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    const form = { ...body, inspectorIds: [body.inspectorIds ?? []].flat(), themeIds: [body.themeIds ?? []].flat() };
    return submit(
      async () => {
        const visit = await this.visits.plan(user, await parseForm(PlanVisitDto, form));
        this.pages.flash(req, `Besøget hos ${visit.facility.name} er planlagt.`);
        return `/besoeg/${visit.id}`;
      },
      async () => view('visit-plan', 'Planlæg besøg', await this.planData(user, form)),
    );
  }

  @Get('planlaegning')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async planningPage() {
    const rows = (await this.planning.status())
      .filter((r) => r.state !== 'ok')
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
      .map((r) => ({ ...r, kindLabel: VISIT_KIND_LABELS[r.kind], stateLabel: STATE_LABELS[r.state] }));
    return view('visit-planning', 'Planlægning af tilsynsbesøg', {
      overdue: rows.filter((r) => r.state === 'overdue'),
      due: rows.filter((r) => r.state === 'due'),
      planned: rows.filter((r) => r.state === 'planned'),
    });
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return view('visit', 'Tilsynsbesøg', await this.overview(user, id));
  }

  @Get(':id/tjekliste')
  @Authenticated()
  async checklistPage(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const checklist = await this.checklist.checklist(user, id);
    return view(
      'visit-checklist',
      `Tjekliste – ${checklist.visit.facility.name}`,
      await this.checklistData(user, checklist),
    );
  }

  @Post(':id/fund')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async addFinding(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.findings.add(user, id, await parseForm(FindingDto, body));
        this.pages.flash(req, 'Fundet er tilføjet.');
        return `/besoeg/${id}#fund`;
      },
      async () => view('visit', 'Tilsynsbesøg', await this.overview(user, id, { findingForm: body })),
    );
  }

  @Get(':id/fund/:findingId/slet')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async confirmRemoveFinding(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('findingId', uuidParam) findingId: string,
  ) {
    return view('confirm', 'Slet fund', await this.removeFindingConfirm(user, id, findingId));
  }

  @Post(':id/fund/:findingId/slet')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async removeFinding(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('findingId', uuidParam) findingId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.findings.remove(user, id, findingId, String(body.reason ?? ''));
        this.pages.flash(req, 'Fundet er slettet.');
        return `/besoeg/${id}#fund`;
      },
      async () => view('confirm', 'Slet fund', await this.removeFindingConfirm(user, id, findingId)),
    );
  }

  /** The written overall assessment and one per theme: a plain form on the checklist page (no JavaScript needed). */
  @Post(':id/vurderinger')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async saveAssessments(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const themes = Object.entries(body)
      .filter(([k]) => k.startsWith('tema-'))
      .map(([k, v]) => ({ standardId: k.slice('tema-'.length), text: typeof v === 'string' ? v : '' }));
    return submit(
      async () => {
        await this.checklist.saveAssessments(
          user,
          id,
          await parseForm(SaveAssessmentsDto, {
            overall: typeof body.overall === 'string' ? body.overall : '',
            themes,
          }),
        );
        this.pages.flash(req, 'Vurderingerne er gemt.');
        return `/besoeg/${id}/tjekliste#vurderinger`;
      },
      async () => {
        const checklist = await this.checklist.checklist(user, id);
        const data = await this.checklistData(user, checklist);
        // what was typed stays in the fields
        const typed = new Map(themes.map((t) => [t.standardId, t.text]));
        return view('visit-checklist', `Tjekliste – ${checklist.visit.facility.name}`, {
          ...data,
          overallAssessment: typeof body.overall === 'string' ? body.overall : data.overallAssessment,
          themeAssessments: data.themeAssessments.map((t) => ({ ...t, text: typed.get(t.standardId) ?? t.text })),
        });
      },
    );
  }

  @Post(':id/fokusgruppe')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async addNote(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.findings.addNote(user, id, await parseForm(FocusGroupNoteDto, body));
        this.pages.flash(req, 'Noten er gemt.');
        return `/besoeg/${id}#fokusgruppe`;
      },
      async () => view('visit', 'Tilsynsbesøg', await this.overview(user, id, { noteForm: body })),
    );
  }

  @Post(':id/bilag')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  @UseInterceptors(
    FileInterceptor('fil', { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1 }, defParamCharset: 'utf8' }),
  )
  async addAttachment(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file?: { originalname: string; buffer: Buffer },
  ) {
    return submit(
      async () => {
        const saved = await this.checklist.addAttachment(user, id, file);
        this.pages.flash(req, `${saved.fileName} er vedhæftet.`);
        return `/besoeg/${id}#bilag`;
      },
      async () => view('visit', 'Tilsynsbesøg', await this.overview(user, id)),
    );
  }

  @Post(':id/dato')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async correctDate(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const v = await this.visits.correctDate(user, id, await parseForm(CorrectDateDto, body));
        this.pages.flash(req, `Datoen er rettet til ${v.plannedDate.split('-').reverse().join('.')}.`);
        return `/besoeg/${id}`;
      },
      async () => view('visit', 'Tilsynsbesøg', { ...(await this.overview(user, id)), dateForm: body }),
    );
  }

  @Post(':id/hoeringssvar')
  @Authenticated(Role.FacilityLeader)
  @UseInterceptors(
    FileInterceptor('fil', { limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1 }, defParamCharset: 'utf8' }),
  )
  async answerHearing(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: { originalname: string; buffer: Buffer },
  ) {
    // one textarea per theme, named tema-<standard id>
    const themes = Object.entries(body)
      .filter(([k, v]) => k.startsWith('tema-') && String(v).trim())
      .map(([k, v]) => ({ standardId: k.slice(5), text: String(v) }));
    return submit(
      async () => {
        const dto = await parseForm(HearingAnswerDto, { version: body.version, overall: body.overall, themes });
        await this.hearing.answer(user, id, dto, file?.buffer.length ? file : undefined);
        this.pages.flash(req, STEP_DONE.answer_hearing);
        return `/besoeg/${id}`;
      },
      async () => view('visit', 'Tilsynsbesøg', await this.overview(user, id)),
    );
  }

  @Post(':id/hoeringssvar/:commentId')
  @Authenticated(Role.RegionStaff)
  async recordOutcome(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('commentId', uuidParam) commentId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.hearing.recordOutcome(user, id, commentId, await parseForm(HearingOutcomeDto, body));
        this.pages.flash(req, 'Afgørelsen er noteret.');
        return `/besoeg/${id}#hoering`;
      },
      async () => view('visit', 'Tilsynsbesøg', await this.overview(user, id)),
    );
  }

  @Get(':id/hoeringssvar/:commentId/fil')
  @Authenticated()
  async hearingFile(
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Param('commentId', uuidParam) commentId: string,
  ) {
    const f = await this.hearing.file(user, id, commentId);
    sendFile(res, f);
  }

  @Get(':id/:step')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async confirmStep(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Param('step') step: string) {
    const chosen = STEP_PATHS[step];
    if (!chosen || !CONFIRM[chosen]) throw new NotFoundError('Siden findes ikke');
    return view('confirm', CONFIRM[chosen].title, await this.stepConfirm(user, id, step, chosen));
  }

  @Post(':id/:step')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async transition(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('step') step: string,
    @Body() body: Record<string, unknown>,
  ) {
    const chosen = STEP_PATHS[step];
    if (!chosen) throw new NotFoundError('Ukendt handling');
    const errorView = async () =>
      CONFIRM[chosen]
        ? view('confirm', CONFIRM[chosen].title, await this.stepConfirm(user, id, step, chosen))
        : view('visit', 'Tilsynsbesøg', await this.overview(user, id));
    return submit(async () => {
      try {
        await this.visits.transition(user, id, chosen, await parseForm(TransitionDto, body));
      } catch (e) {
        // A button on the visit page shows its errors there after a redirect (never on the POST URL),
        // and what the checklist lacks links to its "Færdig" list; a confirmation page keeps its reason.
        if (CONFIRM[chosen] || !(e instanceof DomainError) || e.status >= 500) throw e;
        this.pages.flashErrors(req, e, (x) =>
          x.field === 'answers'
            ? `/besoeg/${id}/tjekliste#faerdig`
            : x.field === 'overallAssessment' || x.field === 'themeAssessments'
              ? `/besoeg/${id}/tjekliste#vurderinger`
              : undefined,
        );
        return `/besoeg/${id}#fejl-resume`;
      }
      this.pages.flash(req, STEP_DONE[chosen]);
      return `/besoeg/${id}`;
    }, errorView);
  }

  /** The confirmation page of an irreversible step: what happens, and a field for the reason. */
  private async stepConfirm(user: AuthUser, id: string, path: string, step: VisitStep) {
    const v = await this.visits.get(user, id);
    const c = CONFIRM[step]!;
    const early = step === 'publish' && v.status === 'in_hearing' && v.hearing;
    return {
      fieldLabels: VISIT_LABELS,
      confirm: {
        ...c,
        subject: `${VISIT_KIND_LABELS[v.kind as VisitKind]} tilsynsbesøg – ${v.facility.name}, ${v.plannedDate.split('-').reverse().join('.')}`,
        warning: early
          ? `Tilbuddet har ikke svaret, og høringsfristen er ${v.hearing!.deadline.split('-').reverse().join('.')}.`
          : '',
        action: `/besoeg/${id}/${path}`,
        back: `/besoeg/${id}`,
        hidden: [{ name: 'version', value: v.version }],
      },
    };
  }

  private async removeFindingConfirm(user: AuthUser, id: string, findingId: string) {
    const view = await this.checklist.checklist(user, id);
    const f = view.findings.find((x) => x.id === findingId);
    if (!f) throw new NotFoundError('Fundet findes ikke');
    return {
      fieldLabels: VISIT_LABELS,
      confirm: {
        title: 'Slet fund',
        subject: `${FINDING_KIND_LABELS[f.kind]}: ${f.text}`,
        question: 'Fundet slettes fra besøget. Det kan ikke fortrydes; sletningen og begrundelsen gemmes i loggen.',
        warning: '',
        button: 'Slet fundet',
        reason: 'Hvorfor slettes fundet?',
        action: `/besoeg/${id}/fund/${findingId}/slet`,
        back: `/besoeg/${id}#fund`,
        hidden: [],
      },
    };
  }

  private async planData(user: AuthUser, form: Record<string, unknown>) {
    const [facilities, inspectors, versions] = await Promise.all([
      this.facilities.list(user),
      this.repo.inspectors(),
      this.models.published(),
    ]);
    const chosen = new Set(form.inspectorIds as string[]);
    const themes = new Set((form.themeIds as string[] | undefined) ?? []);
    const standards = await this.models.standardsOfVersions(versions.map((v) => v.id));
    return {
      form,
      fieldLabels: PLAN_LABELS,
      facilities: facilities.map((f) => ({ id: f.id, name: f.name, selected: f.id === form.facilityId })),
      kinds: VISIT_KINDS.map((k) => ({
        value: k,
        label: VISIT_KIND_LABELS[k],
        checked: k === (form.kind ?? 'announced'),
      })),
      inspectors: inspectors.map((i) => ({ ...i, checked: chosen.has(i.id) })),
      versions: versions.map((v) => ({
        ...v,
        selected: v.id === form.modelVersionId,
        themes: standards
          .filter((s) => s.versionId === v.id)
          .map((s) => ({ id: s.id, label: `${s.label} ${s.code}: ${s.title}`, checked: themes.has(s.id) })),
      })),
    };
  }

  /** The visit page; a form sent back with errors keeps what was typed and ticked. */
  private async overview(
    user: AuthUser,
    id: string,
    forms: { findingForm?: Record<string, unknown>; noteForm?: Record<string, unknown> } = {},
  ) {
    const view = await this.checklist.checklist(user, id);
    const v = view.visit;
    const codes = new Map(view.indicators.map((i) => [i.id, i.code]));
    const { visit: entity, inspectorIds } = await this.visits.load(user, id, 'read');
    const actor = await this.visits.actor(user, entity, inspectorIds);
    const canEdit = mayEditContent(v.status as VisitStatus, actor);
    const steps = new Set(availableSteps({ status: v.status as VisitStatus }, actor));
    const comments = v.hearing ? await this.hearing.commentsOf(v.id, v.model.id) : [];
    const themes = [...new Map(view.indicators.map((i) => [i.standardId, i])).values()].map((i) => ({
      id: i.standardId,
      label: `${v.model.standardLabel} ${i.standardCode}: ${i.standardTitle}`,
    }));
    const dmy = (d: string) => d.split('-').reverse().join('.');
    return {
      fieldLabels: VISIT_LABELS,
      visit: {
        ...v,
        kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
        statusLabel: VISIT_STATUS_LABELS[v.status as VisitStatus],
        themeNames: v.themes.map((t) => `${t.code} ${t.title}`).join(', '),
      },
      inHearing: v.status === 'in_hearing' || v.status === 'hearing_answered',
      hearing: v.hearing && {
        ...v.hearing,
        overdue: !v.hearing.answeredAt && v.hearing.deadline < today(),
        comments: comments.map((c) => ({
          ...c,
          outcomes: HEARING_OUTCOMES.map((o) => ({
            value: o,
            label: HEARING_OUTCOME_LABELS[o],
            checked: o === c.outcome,
          })),
        })),
        open: comments.filter((c) => !c.outcome).length,
      },
      themes,
      defaultDeadline: addDays(today(), DEFAULT_HEARING_DAYS),
      dateCorrectable:
        DATE_CORRECTABLE.includes(v.status as VisitStatus) &&
        (actor.role === Role.RegionStaff || (actor.role === Role.Inspector && actor.assigned)),
      dateForm: { plannedDate: v.plannedDate },
      dmy,
      answered: view.indicators.filter((i) => i.answer).length,
      total: view.indicators.length,
      findings: view.findings.map((f) => ({
        ...f,
        kindLabel: FINDING_KIND_LABELS[f.kind],
        codes: f.indicatorIds.map((i) => codes.get(i)).join(', '),
      })),
      notes: view.focusGroupNotes.map((n) => ({ ...n, codes: n.indicatorIds.map((i) => codes.get(i)).join(', ') })),
      attachments: view.attachments.map((a) => ({ ...a, kb: Math.ceil(a.size / 1024) })),
      ...forms,
      findingThemes: indicatorThemes(view.indicators, forms.findingForm?.indicatorIds),
      noteThemes: indicatorThemes(view.indicators, forms.noteForm?.indicatorIds),
      findingKinds: FINDING_KINDS.map((k) => ({ value: k, label: FINDING_KIND_LABELS[k] })),
      canEdit,
      can: Object.fromEntries([...steps].map((st) => [st, true])),
    };
  }

  private async checklistData(user: AuthUser, view: ChecklistView) {
    const v = view.visit;
    const { visit: entity, inspectorIds } = await this.visits.load(user, v.id, 'read');
    const editable = await this.visits.mayEdit(user, entity, inspectorIds);
    const amendable = user.role !== Role.FacilityLeader && v.status === 'published';
    const thumbnails = await this.checklist.thumbnails(v.id);
    // Files from the visit page can back an evidence row; photos belong to the row they were taken in.
    const files = view.attachments.filter((f) => !thumbnails.has(f.id));
    const sources = (chosen: string) =>
      EVIDENCE_SOURCES.map((s) => ({ value: s, label: EVIDENCE_SOURCE_LABELS[s], selected: s === chosen }));
    const themes: { anchor: string; title: string }[] = [];
    let lastGroup = '';
    const indicators = view.indicators.map((i, n) => {
      const group = `${i.standardCode} ${i.standardTitle}${i.criterionCode ? ` · ${i.criterionCode} ${i.criterionText}` : ''}`;
      const heading = group !== lastGroup ? group : null;
      lastGroup = group;
      const themeAnchor = i.standardId !== view.indicators[n - 1]?.standardId ? `tema-${themes.length + 1}` : null;
      if (themeAnchor) themes.push({ anchor: themeAnchor, title: `${i.standardCode} ${i.standardTitle}` });
      const a = i.answer;
      const stored = a?.evidence.length ? a.evidence : [{ source: '', note: '', attachmentId: null, inReport: false }];
      const next = view.indicators[n + 1];
      return {
        ...i,
        n, // element ids use the position: short, as the page repeats them many times
        heading,
        themeAnchor,
        next: next ? { id: next.id, code: next.code } : null,
        kindLabel: i.kind ? INDICATOR_KIND_LABELS[i.kind as IndicatorKind] : '',
        version: a?.version ?? 0,
        justification: a?.justification ?? '',
        options: [
          ...v.model.scale.levels.map((l) => ({
            value: `rated:${l.value}`,
            short: String(l.value),
            label: l.label,
            checked: a?.assessment === 'rated' && a.rating === l.value,
          })),
          ...(['not_relevant', 'not_assessed'] as const).map((k) => ({
            value: k,
            short: ASSESSMENT_LABELS[k],
            checked: a?.assessment === k,
          })),
        ],
        evidence: stored.map((e, k) => ({
          k,
          note: e.note,
          inReport: e.inReport,
          attachmentId: e.attachmentId,
          photo: e.attachmentId ? (thumbnails.get(e.attachmentId) ?? null) : null,
          sources: sources(e.source),
          files: files.map((f) => ({ id: f.id, fileName: f.fileName, selected: f.id === e.attachmentId })),
        })),
      };
    });
    return {
      visit: v,
      indicators,
      themes,
      // What submitting would refuse, per indicator: no answer, or a low rating or "Ikke relevant" without a reason.
      missing: view.indicators.flatMap((i) => {
        const lack = !i.answer
          ? 'mangler vurdering'
          : needsJustification(i.answer, v.model.justifyAtOrBelow) && !i.answer.justification.trim()
            ? 'mangler begrundelse'
            : null;
        return lack ? [{ id: i.id, code: i.code, text: i.text, lack }] : [];
      }),
      fieldLabels: { overall: 'Samlet vurdering', themes: 'Temaer' },
      overallAssessment: v.overallAssessment,
      themeAssessments: view.themeAssessments.map((t) => ({ ...t, field: `tema-${t.standardId}` })),
      assessmentsMissing: !v.overallAssessment.trim() || view.themeAssessments.some((t) => !t.text.trim()),
      blankSources: sources(''),
      files,
      editable,
      amendable,
      readonly: !editable && !amendable,
      answered: view.indicators.filter((i) => i.answer).length,
      total: view.indicators.length,
      userId: user.id,
    };
  }
}
