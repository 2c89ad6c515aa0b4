import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { NotFoundError } from '#libs/core';
import { FacilitiesService } from '#libs/facilities';
import {
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  INDICATOR_KIND_LABELS,
  type IndicatorKind,
} from '#libs/quality-model';
import { PageRenderer, parseForm } from '#libs/web';
import { ChecklistService } from './checklist.service.js';
import { FindingsService } from './findings.service.js';
import { InspectionsRepository } from './inspections.repository.js';
import { FindingDto, FocusGroupNoteDto, PlanVisitDto, TransitionDto } from './visit.dto.js';
import type { ChecklistView } from './visit.views.js';
import { VisitPlanningService } from './visit-planning.service.js';
import { type Transition, VisitsService } from './visits.service.js';
import {
  ASSESSMENT_LABELS,
  EDITABLE_STATUSES,
  FINDING_KIND_LABELS,
  FINDING_KINDS,
  MAX_ATTACHMENT_BYTES,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_STATUS_LABELS,
  type VisitKind,
  type VisitStatus,
} from './vocabulary.js';

const uuid = new ParseUUIDPipe();
/** Field names as the forms call them, for the error summary. */
const PLAN_LABELS = {
  facilityId: 'Tilbud',
  kind: 'Besøgstype',
  plannedDate: 'Dato',
  inspectorIds: 'Tilsynskonsulenter',
  modelVersionId: 'Kvalitetsmodel',
  method: 'Metode og kilder',
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
};
const STATE_LABELS = { overdue: 'Overskredet', due: 'Forfalder snart', planned: 'Planlagt', ok: 'I orden' } as const;
const STEP_DONE: Record<Transition, string> = {
  submit: 'Besøget er sendt til godkendelse.',
  approve: 'Besøget er godkendt.',
  return: 'Besøget er sendt retur.',
  publish: 'Besøget er offentliggjort for tilbuddet.',
  cancel: 'Besøget er aflyst.',
};

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
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async list(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    const visits = (await this.visits.list(user)).map((v) => ({
      ...v,
      kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
      statusLabel: VISIT_STATUS_LABELS[v.status as VisitStatus],
    }));
    this.pages.render(req, res, 'visits', 'Tilsynsbesøg', { visits, canPlan: user.role !== Role.FacilityLeader });
  }

  @Get('ny')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async planForm(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response) {
    this.pages.render(
      req,
      res,
      'visit-plan',
      'Planlæg besøg',
      await this.planData(user, { inspectorIds: user.role === Role.Inspector ? [user.id] : [] }),
    );
  }

  @Post('ny')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async plan(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ) {
    const form = { ...body, inspectorIds: [body.inspectorIds ?? []].flat() };
    await this.pages.submit(
      req,
      res,
      { page: 'visit-plan', title: 'Planlæg besøg', data: await this.planData(user, form) },
      async () => {
        const visit = await this.visits.plan(user, await parseForm(PlanVisitDto, form));
        this.pages.flash(req, `Besøget hos ${visit.facility.name} er planlagt.`);
        return `/besoeg/${visit.id}`;
      },
    );
  }

  @Get('planlaegning')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async planningPage(@Req() req: Request, @Res() res: Response) {
    const rows = (await this.planning.status())
      .filter((r) => r.state !== 'ok')
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
      .map((r) => ({ ...r, kindLabel: VISIT_KIND_LABELS[r.kind], stateLabel: STATE_LABELS[r.state] }));
    this.pages.render(req, res, 'visit-planning', 'Planlægning af tilsynsbesøg', {
      overdue: rows.filter((r) => r.state === 'overdue'),
      due: rows.filter((r) => r.state === 'due'),
      planned: rows.filter((r) => r.state === 'planned'),
    });
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentUser() user: AuthUser, @Req() req: Request, @Res() res: Response, @Param('id', uuid) id: string) {
    this.pages.render(req, res, 'visit', 'Tilsynsbesøg', await this.overview(user, id));
  }

  @Get(':id/tjekliste')
  @Authenticated()
  async checklistPage(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
  ) {
    const view = await this.checklist.checklist(user, id);
    this.pages.render(
      req,
      res,
      'visit-checklist',
      `Tjekliste – ${view.visit.facility.name}`,
      await this.checklistData(user, view),
    );
  }

  @Post(':id/fund')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async addFinding(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'visit', title: 'Tilsynsbesøg', data: { ...(await this.overview(user, id)), findingForm: body } },
      async () => {
        await this.findings.add(user, id, await parseForm(FindingDto, body));
        this.pages.flash(req, 'Fundet er tilføjet.');
        return `/besoeg/${id}#fund`;
      },
    );
  }

  @Post(':id/fund/:findingId/slet')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async removeFinding(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @Param('findingId', uuid) findingId: string,
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'visit', title: 'Tilsynsbesøg', data: await this.overview(user, id) },
      async () => {
        await this.findings.remove(user, id, findingId);
        this.pages.flash(req, 'Fundet er slettet.');
        return `/besoeg/${id}#fund`;
      },
    );
  }

  @Post(':id/fokusgruppe')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async addNote(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'visit', title: 'Tilsynsbesøg', data: { ...(await this.overview(user, id)), noteForm: body } },
      async () => {
        await this.findings.addNote(user, id, await parseForm(FocusGroupNoteDto, body));
        this.pages.flash(req, 'Noten er gemt.');
        return `/besoeg/${id}#fokusgruppe`;
      },
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
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @UploadedFile() file?: { originalname: string; buffer: Buffer },
  ) {
    await this.pages.submit(
      req,
      res,
      { page: 'visit', title: 'Tilsynsbesøg', data: await this.overview(user, id) },
      async () => {
        const saved = await this.checklist.addAttachment(user, id, file);
        this.pages.flash(req, `${saved.fileName} er vedhæftet.`);
        return `/besoeg/${id}#bilag`;
      },
    );
  }

  @Post(':id/:step')
  @Authenticated(Role.Inspector, Role.RegionStaff)
  async transition(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
    @Param('id', uuid) id: string,
    @Param('step') step: string,
    @Body() body: Record<string, unknown>,
  ) {
    const steps: Record<string, Transition> = {
      indsend: 'submit',
      godkend: 'approve',
      retur: 'return',
      offentliggoer: 'publish',
      aflys: 'cancel',
    };
    const chosen = steps[step];
    await this.pages.submit(
      req,
      res,
      { page: 'visit', title: 'Tilsynsbesøg', data: await this.overview(user, id) },
      async () => {
        if (!chosen) throw new NotFoundError('Ukendt handling');
        await this.visits.transition(
          user,
          id,
          chosen,
          await parseForm(TransitionDto, body),
          chosen === 'submit' ? () => this.checklist.unanswered(id) : undefined,
        );
        this.pages.flash(req, STEP_DONE[chosen]);
        return `/besoeg/${id}`;
      },
    );
  }

  private async planData(user: AuthUser, form: Record<string, unknown>) {
    const [facilities, inspectors, versions] = await Promise.all([
      this.facilities.list(user),
      this.repo.inspectors(),
      this.repo.publishedVersions(),
    ]);
    const chosen = new Set(form.inspectorIds as string[]);
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
      versions: versions.map((v) => ({ ...v, selected: v.id === form.modelVersionId })),
    };
  }

  private async overview(user: AuthUser, id: string) {
    const view = await this.checklist.checklist(user, id);
    const v = view.visit;
    const codes = new Map(view.indicators.map((i) => [i.id, i.code]));
    const canEdit = user.role !== Role.FacilityLeader && EDITABLE_STATUSES.includes(v.status as VisitStatus);
    const inspector = user.role === Role.RegionStaff || v.inspectors.some((i) => i.id === user.id);
    return {
      fieldLabels: VISIT_LABELS,
      visit: {
        ...v,
        kindLabel: VISIT_KIND_LABELS[v.kind as VisitKind],
        statusLabel: VISIT_STATUS_LABELS[v.status as VisitStatus],
      },
      answered: view.indicators.filter((i) => i.answer).length,
      total: view.indicators.length,
      findings: view.findings.map((f) => ({
        ...f,
        kindLabel: FINDING_KIND_LABELS[f.kind],
        codes: f.indicatorIds.map((i) => codes.get(i)).join(', '),
      })),
      notes: view.focusGroupNotes.map((n) => ({ ...n, codes: n.indicatorIds.map((i) => codes.get(i)).join(', ') })),
      attachments: view.attachments.map((a) => ({ ...a, kb: Math.ceil(a.size / 1024) })),
      indicators: view.indicators.map((i) => ({ id: i.id, code: i.code, text: i.text })),
      findingKinds: FINDING_KINDS.map((k) => ({ value: k, label: FINDING_KIND_LABELS[k] })),
      canEdit,
      can: {
        submit: canEdit && inspector,
        cancel: canEdit && inspector,
        approve: v.status === 'submitted' && inspector && v.submittedById !== user.id,
        return: ['submitted', 'approved'].includes(v.status) && inspector && v.submittedById !== user.id,
        publish: v.status === 'approved' && inspector,
      },
    };
  }

  private async checklistData(user: AuthUser, view: ChecklistView) {
    const v = view.visit;
    const editable = user.role !== Role.FacilityLeader && EDITABLE_STATUSES.includes(v.status as VisitStatus);
    const amendable = user.role !== Role.FacilityLeader && v.status === 'published';
    let lastGroup = '';
    const indicators = view.indicators.map((i) => {
      const group = `${i.standardCode} ${i.standardTitle}${i.criterionCode ? ` · ${i.criterionCode} ${i.criterionText}` : ''}`;
      const heading = group !== lastGroup ? group : null;
      lastGroup = group;
      const a = i.answer;
      const evidence = [...(a?.evidence ?? []), { source: '', note: '', attachmentId: null }];
      return {
        ...i,
        heading,
        kindLabel: i.kind ? INDICATOR_KIND_LABELS[i.kind as IndicatorKind] : '',
        version: a?.version ?? 0,
        justification: a?.justification ?? '',
        options: [
          ...v.model.scale.levels.map((l) => ({
            value: `rated:${l.value}`,
            label: `${l.value} – ${l.label}`,
            checked: a?.assessment === 'rated' && a.rating === l.value,
          })),
          ...(['not_relevant', 'not_assessed'] as const).map((k) => ({
            value: k,
            label: ASSESSMENT_LABELS[k],
            checked: a?.assessment === k,
          })),
        ],
        evidence: evidence.map((e, n) => ({
          n,
          note: e.note,
          sources: EVIDENCE_SOURCES.map((s) => ({
            value: s,
            label: EVIDENCE_SOURCE_LABELS[s],
            selected: s === e.source,
          })),
          attachments: view.attachments.map((f) => ({
            id: f.id,
            fileName: f.fileName,
            selected: f.id === e.attachmentId,
          })),
        })),
      };
    });
    return {
      visit: v,
      indicators,
      editable,
      amendable,
      readonly: !editable && !amendable,
      answered: view.indicators.filter((i) => i.answer).length,
    };
  }
}
