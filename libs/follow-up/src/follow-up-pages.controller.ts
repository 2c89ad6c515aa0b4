import { Body, Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type AuthUser, CurrentUser, Role } from '#libs/auth';
import { DomainError, now, today, uploadedTable } from '#libs/core';
import { DOCUMENT_HTML_CSP } from '#libs/documents';
import { FacilitiesService, OrgTreeService } from '#libs/facilities';
import { PageRenderer, parseForm, redirect, submit, uuidParam, view } from '#libs/web';
import { AGREEMENT_COLUMNS } from './agreement-file.js';
import { ACTIVITY_CATEGORIES } from './development-agreement.entity.js';
import { DevelopmentAgreementsService } from './development-agreements.service.js';
import { MAX_PLAN_FILE_BYTES } from './follow-up.controller.js';
import {
  ActivityDto,
  ActivityStatusDto,
  CreateAgreementDto,
  EditActivityDto,
  EditItemDto,
  ImportAgreementDto,
  ImportPlanDto,
  IssueReportDto,
  MoveActivityDto,
  ReportStatusDto,
  SaveStatusOptionDto,
} from './follow-up.dto.js';
import { FollowUpService } from './follow-up.service.js';
import { FollowUpDocuments } from './follow-up-documents.js';
import { PLAN_COLUMNS } from './plan-file.js';
import { periodOf } from './status-report.js';

/** Rows on the hand form for a development agreement; more activities come by file import. */
const AGREEMENT_ROWS = 8;
const ACTIVITY_FIELDS = ['theme', 'goal', 'activity'] as const;
type ActivityField = (typeof ACTIVITY_FIELDS)[number];
const ACTIVITY_LABELS: Record<ActivityField, string> = { theme: 'tema', goal: 'mål', activity: 'aktivitet' };

/** Errors of one row's form point at that row's fields, whose ids carry the row's id. */
async function forRow<T>(rowId: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (e) {
    if (e instanceof DomainError)
      for (const err of e.errors) {
        const part = String(err.field ?? '').match(/^parts\[(\d+)\]\.(group|statusId)$/);
        err.field = part
          ? `${part[2] === 'group' ? 'group' : 'part'}-${rowId}-${part[1]}`
          : err.field === 'parts'
            ? `group-${rowId}-0`
            : `${err.field}-${rowId}`;
      }
    throw e;
  }
}

/** An import file's errors name a row and column; the error summary links them to the file field. */
async function fileErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof DomainError)
      for (const err of e.errors)
        if (err.field.startsWith('række') || err.field.startsWith('kolonne') || err.field.startsWith('linje'))
          Object.assign(err, { field: 'fil', message: `${err.field}: ${err.message}` });
    throw e;
  }
}

/** What was typed into one status or correction form, shown again with its errors. */
interface Draft {
  holderId: string;
  body: Record<string, unknown>;
  edit?: Record<string, unknown>;
}

/** Rows for a split status on the form. */
const PART_ROWS = 3;

/** A status form's body as the API takes it: the filled target-group rows become parts. */
function statusBody(body: Record<string, unknown>) {
  const parts = [...Array(PART_ROWS).keys()]
    .map((i) => ({ group: body[`parts[${i}].group`], statusId: body[`parts[${i}].statusId`] }))
    .filter((p) => String(p.group ?? '').trim() || String(p.statusId ?? '').trim());
  return {
    statusId: parts.length ? undefined : body.statusId,
    parts: parts.length ? parts : undefined,
    text: body.text,
    version: body.version,
  };
}

const statusLabels = (row: string) => ({
  [`statusId-${row}`]: 'Status',
  [`text-${row}`]: 'Statustekst',
  [`version-${row}`]: 'Version',
  ...Object.fromEntries(
    [...Array(PART_ROWS).keys()].flatMap((i) => [
      [`group-${row}-${i}`, `Målgruppe ${i + 1}`],
      [`part-${row}-${i}`, `Status for målgruppe ${i + 1}`],
    ]),
  ),
});

/** How a recommendation is named in labels: its number, or its place under its heading. */
const itemName = (i: { number: string }, n: number, section: { number: string; title: string }) =>
  i.number || `anbefaling ${n + 1} under ${`${section.number} ${section.title}`.trim()}`;

/** The status form of an item or a section holding a status; with the draft when it is the one refused. */
function statusForm(
  planId: string,
  h: {
    id: string;
    kind: 'item' | 'section';
    name: string;
    version: number;
    statusId: string | null;
    statusText: string;
    statusParts: { group: string; statusId: string }[] | null;
  },
  statuses: { id: string; label: string; active: boolean }[],
  draft?: Draft,
  query = '',
) {
  const typed = draft?.holderId === h.id && !draft.edit ? draft.body : null;
  const chosen = typed ? String(typed.statusId ?? '') : h.statusId;
  const options = (selected: string | null | undefined) =>
    statuses.filter((s) => s.active || s.id === selected).map((s) => ({ ...s, selected: s.id === selected }));
  const parts = [...Array(PART_ROWS).keys()].map((i) => {
    const group = typed ? String(typed[`parts[${i}].group`] ?? '') : (h.statusParts?.[i]?.group ?? '');
    const statusId = typed ? String(typed[`parts[${i}].statusId`] ?? '') : (h.statusParts?.[i]?.statusId ?? '');
    return { i, n: i + 1, group, options: options(statusId) };
  });
  const path = h.kind === 'item' ? 'punkter' : 'afsnit';
  return {
    id: h.id,
    kind: h.kind,
    name: h.name,
    version: typed ? String(typed.version ?? h.version) : h.version,
    action: `/opfoelgning/planer/${planId}/${path}/${h.id}${query}`,
    api: `/api/v1/follow-up/${h.kind === 'item' ? 'items' : 'sections'}/${h.id}/status`,
    options: options(chosen),
    parts,
    split: parts.some((p) => p.group),
    statusText: typed ? String(typed.text ?? '') : h.statusText,
  };
}

@ApiExcludeController()
@Controller('opfoelgning')
export class FollowUpPagesController {
  constructor(
    private readonly followUp: FollowUpService,
    private readonly agreements: DevelopmentAgreementsService,
    private readonly documents: FollowUpDocuments,
    private readonly facilities: FacilitiesService,
    private readonly tree: OrgTreeService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Authenticated()
  async overview(@CurrentUser() user: AuthUser) {
    const canManage = user.role === Role.RegionStaff;
    const [plans, overdue, agreements, visits] = await Promise.all([
      this.followUp.plans(user),
      this.followUp.overdue(user),
      this.agreements.list(user),
      canManage ? this.followUp.visitsWithoutPlan(user) : [],
    ]);
    return view('follow-up', 'Opfølgning', { plans, overdue, agreements, visits, canManage });
  }

  /** From a visit's page: its follow-up plan, or where region staff make one. */
  @Get('besoeg/:visitId')
  @Authenticated()
  async visitFollowUp(@CurrentUser() user: AuthUser, @Param('visitId', uuidParam) visitId: string) {
    const { visit, planId } = await this.followUp.visitFollowUp(user, visitId);
    if (planId) return redirect(`/opfoelgning/planer/${planId}`);
    return view('follow-up-visit', 'Opfølgning på tilsynsbesøget', {
      visit,
      canManage: user.role === Role.RegionStaff,
    });
  }

  @Post('besoeg/:visitId')
  @Authenticated(Role.RegionStaff)
  async planFromVisit(@CurrentUser() user: AuthUser, @Param('visitId', uuidParam) visitId: string) {
    return redirect(`/opfoelgning/planer/${(await this.followUp.planFromVisit(user, visitId)).id}`);
  }

  /**
   * The plan page; after a refused form, `draft` is what was typed into one status form (an item's
   * or a section's), or (with `edit`) into an item's correction form, which is then shown open.
   */
  private async planPage(user: AuthUser, id: string, draft?: Draft, open?: 'issue' | 'roundTrip') {
    const [plan, statuses] = await Promise.all([this.followUp.plan(user, id), this.followUp.statuses()]);
    const canReport = user.role !== Role.Inspector;
    const sections = plan.sections.map((section) => ({
      ...section,
      form: section.holdsStatus
        ? statusForm(
            plan.id,
            { ...section, kind: 'section', name: `${section.number} ${section.title}`.trim() },
            statuses,
            draft,
          )
        : null,
      items: section.items.map((i, n) => {
        const name = itemName(i, n, section);
        const mine = draft?.holderId === i.id;
        const edit =
          mine && draft.edit
            ? { open: true, text: draft.edit.text, owner: draft.edit.owner, deadline: draft.edit.deadline }
            : { open: false, text: i.text, owner: i.owner, deadline: i.deadline ?? '' };
        return {
          ...i,
          name,
          edit,
          form: i.statusOnSection
            ? null
            : statusForm(plan.id, { ...i, kind: 'item', name }, statuses, draft?.edit ? undefined : draft),
        };
      }),
    }));
    const row = draft?.edit ? `ret-${draft.holderId}` : draft?.holderId;
    const fieldLabels = draft?.edit
      ? {
          [`text-${row}`]: 'Anbefaling',
          [`owner-${row}`]: 'Ansvarlig',
          [`deadline-${row}`]: 'Frist',
          [`version-${row}`]: 'Version',
        }
      : draft
        ? statusLabels(row!)
        : {};
    const canEdit = user.role === Role.RegionStaff;
    return view('follow-up-plan', plan.title, {
      plan: { ...plan, sections },
      canReport,
      canEdit,
      canIssue: canEdit,
      issueOpen: open === 'issue',
      roundTripOpen: open === 'roundTrip',
      nextPeriod: periodOf(today()),
      today: today(),
      fieldLabels: {
        ...fieldLabels,
        period: 'Halvår',
        addressee: 'Modtager',
        date: 'Dato',
        caseNumber: 'Sagsnr.',
        documentNumber: 'Dokumentnr.',
        title: 'Titel',
        introduction: 'Indledning',
        fil: 'Fil',
      },
    });
  }

  @Get('planer/:id')
  @Authenticated()
  async plan(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.planPage(user, id);
  }

  @Post('planer/:id/punkter/:itemId')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  async reportStatus(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('itemId', uuidParam) itemId: string,
    @Body() body: Record<string, unknown>,
    @Query('side') side?: string,
  ) {
    return this.statusSubmission(user, req, { id, holderId: itemId, anchor: 'punkt', side, body }, async (dto) => {
      const item = await this.followUp.reportStatus(user, itemId, dto);
      return { name: item.number || 'anbefalingen', sentence: item.statusSentence };
    });
  }

  @Post('planer/:id/afsnit/:sectionId')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  async reportSectionStatus(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('sectionId', uuidParam) sectionId: string,
    @Body() body: Record<string, unknown>,
    @Query('side') side?: string,
  ) {
    return this.statusSubmission(user, req, { id, holderId: sectionId, anchor: 'status', side, body }, async (dto) => {
      const section = await this.followUp.reportSectionStatus(user, sectionId, dto);
      return { name: `${section.number} ${section.title}`, sentence: section.statusSentence };
    });
  }

  /**
   * A status form of a recommendation or an area, sent from the plan page or the status page: saved,
   * then back to the row on the page it came from; refused, that page again with what was typed.
   */
  private statusSubmission(
    user: AuthUser,
    req: Request,
    form: { id: string; holderId: string; anchor: string; side?: string; body: Record<string, unknown> },
    save: (dto: ReportStatusDto) => Promise<{ name: string; sentence: string }>,
  ) {
    const { id, holderId, body } = form;
    const onStatusPage = form.side === 'status';
    const back = onStatusPage ? `/opfoelgning/planer/${id}/status` : `/opfoelgning/planer/${id}`;
    return submit(
      () =>
        forRow(holderId, async () => {
          const saved = await save(await parseForm(ReportStatusDto, statusBody(body)));
          this.pages.flash(req, `Status på ${saved.name} er gemt: ${saved.sentence.replace(/^Status: /, '')}`);
          return `${back}#${form.anchor}-${holderId}`;
        }),
      () =>
        onStatusPage ? this.statusPage(user, id, { holderId, body }) : this.planPage(user, id, { holderId, body }),
    );
  }

  /**
   * Every open item of a plan on one page (recommendations and sections holding a status, not yet
   * met), each with its own form: saved one by one without JavaScript, and by the page's script as
   * they are typed (autosave through the API, with the version for optimistic locking).
   */
  private async statusPage(user: AuthUser, id: string, draft?: Draft) {
    const [plan, statuses] = await Promise.all([this.followUp.plan(user, id), this.followUp.statuses()]);
    const rows: Record<string, unknown>[] = [];
    const shown = new Set<string>();
    const byId = new Map(plan.sections.map((s) => [s.id, s]));
    for (const section of plan.sections) {
      // a heading is shown once, before the first open item under it, with the headings above it
      const head = () => {
        const chain: typeof plan.sections = [];
        for (let s = byId.get(section.id); s && !shown.has(s.id); s = s.parentId ? byId.get(s.parentId) : undefined)
          chain.unshift(s);
        for (const s of chain) {
          shown.add(s.id);
          rows.push({ heading: true, depth: s.depth, number: s.number, title: s.title, id: s.id });
        }
      };
      if (section.holdsStatus && section.canWrite && (!section.done || draft?.holderId === section.id)) {
        head();
        rows.push({
          holder: true,
          id: section.id,
          anchor: `status-${section.id}`,
          name: `${section.number} ${section.title}`.trim(),
          texts: section.items.map((i) => ({ number: i.number, text: i.text })),
          sentence: section.statusSentence,
          form: statusForm(
            plan.id,
            { ...section, kind: 'section', name: `${section.number} ${section.title}`.trim() },
            statuses,
            draft,
            '?side=status',
          ),
        });
      }
      section.items.forEach((i, n) => {
        if (i.statusOnSection || !i.canWrite || (i.done && draft?.holderId !== i.id)) return;
        head();
        const name = itemName(i, n, section);
        rows.push({
          holder: true,
          id: i.id,
          anchor: `punkt-${i.id}`,
          name,
          texts: [{ number: i.number, text: i.text }],
          sentence: i.statusSentence,
          form: statusForm(plan.id, { ...i, kind: 'item', name }, statuses, draft, '?side=status'),
        });
      });
    }
    return view('follow-up-plan-status', `Status på ${plan.title}`, {
      plan,
      rows,
      open: rows.filter((r) => r.holder).length,
      fieldLabels: draft ? statusLabels(draft.holderId) : {},
    });
  }

  @Get('planer/:id/status')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  async planStatus(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.statusPage(user, id);
  }

  @Post('planer/:id/punkter/:itemId/ret')
  @Authenticated(Role.RegionStaff)
  async editItem(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('itemId', uuidParam) itemId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      () =>
        forRow(`ret-${itemId}`, async () => {
          const item = await this.followUp.editItem(user, itemId, await parseForm(EditItemDto, body));
          this.pages.flash(req, `${item.number || 'Anbefalingen'} er rettet.`);
          return `/opfoelgning/planer/${id}#punkt-${itemId}`;
        }),
      () => this.planPage(user, id, { holderId: itemId, body: {}, edit: body }),
    );
  }

  @Post('planer/:id/indlaes')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  async updateFromFile(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    return submit(
      async () => {
        const { data, format } = uploadedTable(file);
        const done = await fileErrors(this.followUp.updateFromFile(user, id, data, format));
        this.pages.flash(
          req,
          `Filen er indlæst (læst som ${done.readAs}): ${done.statuses} status(ser) og ${done.texts} tekst(er) ændret.`,
        );
        return `/opfoelgning/planer/${id}`;
      },
      () => this.planPage(user, id, undefined, 'roundTrip'),
    );
  }

  @Post('planer/:id/statusrapporter')
  @Authenticated(Role.RegionStaff)
  async issueReport(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        const issued = await this.followUp.issueReport(user, id, await parseForm(IssueReportDto, body));
        this.pages.flash(req, `Statusnotatet »${issued.title}« for ${issued.periodLabel} er udsendt.`);
        return `/opfoelgning/planer/${id}`;
      },
      () => this.planPage(user, id, undefined, 'issue'),
    );
  }

  private async statusesView() {
    const statuses = await this.followUp.statuses();
    const labels = Object.fromEntries(
      statuses.flatMap((s) => [
        [`label-${s.id}`, `Betegnelse (${s.label})`],
        [`done-${s.id}`, `Imødekommet (${s.label})`],
      ]),
    );
    return view('follow-up-statuses', 'Opfølgningsstatusser', {
      statuses,
      fieldLabels: { ...labels, label: 'Ny status' },
    });
  }

  @Get('statusser')
  @Authenticated(Role.RegionStaff)
  async statuses() {
    return this.statusesView();
  }

  @Post('statusser')
  @Authenticated(Role.RegionStaff)
  async addStatus(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        const saved = await this.followUp.saveStatus(
          user,
          null,
          await parseForm(SaveStatusOptionDto, { done: false, ...body }),
        );
        this.pages.flash(req, `Statussen »${saved.label}« er tilføjet.`);
        return '/opfoelgning/statusser';
      },
      () => this.statusesView(),
    );
  }

  @Post('statusser/:statusId')
  @Authenticated(Role.RegionStaff)
  async saveStatus(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('statusId', uuidParam) statusId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      () =>
        forRow(statusId, async () => {
          // an unchecked checkbox sends nothing
          const saved = await this.followUp.saveStatus(
            user,
            statusId,
            await parseForm(SaveStatusOptionDto, { done: false, active: false, ...body }),
          );
          this.pages.flash(req, `Statussen »${saved.label}« er gemt.`);
          return '/opfoelgning/statusser';
        }),
      () => this.statusesView(),
    );
  }

  @Get('planer/:id/statusrapport')
  @Authenticated()
  async statusReport(@CurrentUser() user: AuthUser, @Res() res: Response, @Param('id', uuidParam) id: string) {
    res
      .type('html')
      .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
      .send(this.documents.html(this.documents.statusReport(await this.followUp.statusReport(user, id))));
  }

  /** An issued note as it was issued, as HTML (its PDF is in the API). */
  @Get('planer/:id/statusnotater/:reportId')
  @Authenticated()
  async issuedNote(
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
    @Param('id', uuidParam) id: string,
    @Param('reportId', uuidParam) reportId: string,
  ) {
    res
      .type('html')
      .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
      .send(this.documents.html(this.documents.statusReport(await this.followUp.statusReport(user, id, reportId))));
  }

  private async importView(user: AuthUser, kind: 'plan' | 'agreement') {
    const data = {
      kind,
      facilities: await this.facilities.list(user),
      units: await this.tree.tree(),
      fieldLabels: { facilityId: 'Tilbud', orgUnitId: 'Enhed', title: 'Titel', year: 'År', name: 'Navn', fil: 'Fil' },
    };
    return kind === 'plan'
      ? view('follow-up-import', 'Importér opfølgningsplan', {
          ...data,
          isPlan: true,
          columns: Object.keys(PLAN_COLUMNS),
          action: '/opfoelgning/import',
        })
      : view('follow-up-import', 'Importér udviklingsaftale', {
          ...data,
          columns: Object.keys(AGREEMENT_COLUMNS),
          action: '/opfoelgning/udviklingsaftaler/import',
        });
  }

  @Get('import')
  @Authenticated(Role.RegionStaff)
  async importForm(@CurrentUser() user: AuthUser) {
    return this.importView(user, 'plan');
  }

  @Post('import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    return submit(
      async () => {
        const dto = await parseForm(ImportPlanDto, body);
        const { data, format } = uploadedTable(file);
        const imported = await fileErrors(this.followUp.importPlan(user, dto, data, format));
        this.pages.flash(
          req,
          `Planen er importeret med ${imported.items} anbefalinger i ${imported.sections} afsnit (filen er læst som ${imported.readAs}).`,
        );
        return `/opfoelgning/planer/${imported.id}`;
      },
      () => this.importView(user, 'plan'),
    );
  }

  @Get('udviklingsaftaler/import')
  @Authenticated(Role.RegionStaff)
  async agreementImportForm(@CurrentUser() user: AuthUser) {
    return this.importView(user, 'agreement');
  }

  @Post('udviklingsaftaler/import')
  @Authenticated(Role.RegionStaff)
  @UseInterceptors(FileInterceptor('fil', { limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1 } }))
  async importAgreement(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    return submit(
      async () => {
        const dto = await parseForm(ImportAgreementDto, body);
        const { data, format } = uploadedTable(file);
        const agreement = await fileErrors(this.agreements.importAgreement(user, dto, data, format));
        this.pages.flash(
          req,
          `Udviklingsaftalen for ${agreement.year} er importeret (filen er læst som ${agreement.readAs}).`,
        );
        return `/opfoelgning/udviklingsaftaler/${agreement.id}`;
      },
      () => this.importView(user, 'agreement'),
    );
  }

  /** The hand form for an agreement: facility, year and AGREEMENT_ROWS rows of theme, goal, activity (blank rows ignored). */
  private async agreementForm(user: AuthUser, body: Record<string, unknown> = {}) {
    const field = (i: number, k: ActivityField) => `activities[${i}].${k}`;
    const rows = Array.from({ length: AGREEMENT_ROWS }, (_, i) => ({
      i,
      n: i + 1,
      ...Object.fromEntries(ACTIVITY_FIELDS.map((k) => [k, String(body[field(i, k)] ?? '')])),
    }));
    const rowLabels = rows.flatMap((r) =>
      ACTIVITY_FIELDS.map((k) => [field(r.i, k), `Række ${r.n}, ${ACTIVITY_LABELS[k]}`]),
    );
    return view('follow-up-agreement-new', 'Ny udviklingsaftale', {
      facilities: await this.facilities.list(user),
      rows,
      fieldLabels: {
        facilityId: 'Tilbud',
        year: 'År',
        name: 'Navn',
        activities: 'Aktiviteter',
        ...Object.fromEntries(rowLabels),
      },
    });
  }

  @Get('udviklingsaftaler/ny')
  @Authenticated(Role.RegionStaff)
  async agreementNew(@CurrentUser() user: AuthUser) {
    return this.agreementForm(user);
  }

  @Post('udviklingsaftaler/ny')
  @Authenticated(Role.RegionStaff)
  async agreementCreate(@CurrentUser() user: AuthUser, @Req() req: Request, @Body() body: Record<string, unknown>) {
    return submit(
      async () => {
        // only filled rows are sent; an error on the k-th sent row is shown on the row it came from
        const filled = [...Array(AGREEMENT_ROWS).keys()].filter((i) =>
          ACTIVITY_FIELDS.some((k) => String(body[`activities[${i}].${k}`] ?? '').trim()),
        );
        const activities = filled.map((i) =>
          Object.fromEntries(ACTIVITY_FIELDS.map((k) => [k, body[`activities[${i}].${k}`]])),
        );
        let dto: CreateAgreementDto;
        try {
          dto = await parseForm(CreateAgreementDto, {
            facilityId: body.facilityId,
            year: body.year,
            name: body.name,
            activities,
          });
        } catch (e) {
          if (e instanceof DomainError)
            for (const err of e.errors)
              err.field = err.field.replace(/^activities\[(\d+)\]/, (_, k) => `activities[${filled[Number(k)]}]`);
          throw e;
        }
        const agreement = await this.agreements.create(user, dto);
        this.pages.flash(req, `Udviklingsaftalen for ${agreement.year} er oprettet.`);
        return `/opfoelgning/udviklingsaftaler/${agreement.id}`;
      },
      () => this.agreementForm(user, body),
    );
  }

  private async agreementPage(user: AuthUser, id: string, draft?: { activityId: string; statusText?: unknown }) {
    const agreement = await this.agreements.get(user, id);
    if (draft) {
      for (const g of agreement.themes.flatMap((t) => t.goals)) {
        for (const a of g.activities) if (a.id === draft.activityId) a.statusText = String(draft.statusText ?? '');
      }
    }
    const fieldLabels = draft ? { [`statusText-${draft.activityId}`]: 'Status' } : {};
    return view('follow-up-agreement', `Udviklingsaftale ${agreement.year}`, {
      agreement,
      hasGroups: agreement.themes.some((t) => t.group),
      canReport: user.role === Role.RegionStaff || (user.role === Role.FacilityLeader && !!agreement.facilityId),
      canEdit: user.role === Role.RegionStaff,
      categories: ACTIVITY_CATEGORIES,
      fieldLabels: {
        ...fieldLabels,
        theme: 'Tema',
        goal: 'Mål',
        activity: 'Aktivitet',
        groupTitle: 'Gruppe',
        themeNumber: 'Temaets nr.',
        number: 'Aktivitetens nr.',
        direction: 'Flyt',
      },
    });
  }

  @Get('udviklingsaftaler/:id')
  @Authenticated()
  async agreement(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.agreementPage(user, id);
  }

  @Post('udviklingsaftaler/:id/aktiviteter/:activityId')
  @Authenticated(Role.FacilityLeader, Role.RegionStaff)
  async activityStatus(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('activityId', uuidParam) activityId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      () =>
        forRow(activityId, async () => {
          await this.agreements.reportStatus(user, activityId, await parseForm(ActivityStatusDto, body));
          this.pages.flash(req, 'Status på aktiviteten er gemt.');
          return `/opfoelgning/udviklingsaftaler/${id}`;
        }),
      () => this.agreementPage(user, id, { activityId, statusText: body.statusText }),
    );
  }

  @Post('udviklingsaftaler/:id/raekker')
  @Authenticated(Role.RegionStaff)
  async addActivity(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.agreements.addActivity(user, id, await parseForm(ActivityDto, body));
        this.pages.flash(req, 'Rækken er tilføjet.');
        return `/opfoelgning/udviklingsaftaler/${id}`;
      },
      () => this.agreementPage(user, id),
    );
  }

  @Post('udviklingsaftaler/:id/raekker/:activityId')
  @Authenticated(Role.RegionStaff)
  async editActivity(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('activityId', uuidParam) activityId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      () =>
        forRow(activityId, async () => {
          await this.agreements.editActivity(user, activityId, await parseForm(EditActivityDto, body));
          this.pages.flash(req, 'Rækken er rettet.');
          return `/opfoelgning/udviklingsaftaler/${id}#aktivitet-${activityId}`;
        }),
      () => this.agreementPage(user, id),
    );
  }

  @Post('udviklingsaftaler/:id/raekker/:activityId/flyt')
  @Authenticated(Role.RegionStaff)
  async moveActivity(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('activityId', uuidParam) activityId: string,
    @Body() body: Record<string, unknown>,
  ) {
    return submit(
      async () => {
        await this.agreements.moveActivity(user, activityId, (await parseForm(MoveActivityDto, body)).direction);
        this.pages.flash(req, 'Rækken er flyttet.');
        return `/opfoelgning/udviklingsaftaler/${id}#aktivitet-${activityId}`;
      },
      () => this.agreementPage(user, id),
    );
  }

  @Post('udviklingsaftaler/:id/raekker/:activityId/fjern')
  @Authenticated(Role.RegionStaff)
  async removeActivity(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Param('id', uuidParam) id: string,
    @Param('activityId', uuidParam) activityId: string,
  ) {
    return submit(
      async () => {
        await this.agreements.removeActivity(user, activityId);
        this.pages.flash(req, 'Rækken er fjernet.');
        return `/opfoelgning/udviklingsaftaler/${id}`;
      },
      () => this.agreementPage(user, id),
    );
  }

  @Get('udviklingsaftaler/:id/rapport')
  @Authenticated()
  async agreementReport(@CurrentUser() user: AuthUser, @Res() res: Response, @Param('id', uuidParam) id: string) {
    const data = await this.agreements.get(user, id);
    res
      .type('html')
      .set('Content-Security-Policy', DOCUMENT_HTML_CSP)
      .send(this.documents.html(this.documents.agreement({ ...data, generatedAt: now().toISOString() })));
  }
}
