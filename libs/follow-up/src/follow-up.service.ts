import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, Role } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError, now, today } from '#libs/core';
import { Transactional } from '#libs/database';
import { OrgTreeService } from '#libs/facilities';
import { InspectionsRepository, VisitsService } from '#libs/inspections';
import type {
  EditItemDto,
  ImportPlanDto,
  IssueReportDto,
  ReportStatusDto,
  SaveStatusOptionDto,
} from './follow-up.dto.js';
import { FollowUpRepository, type HistoryEntry, type ItemRow } from './follow-up.repository.js';
import { FollowUpAccess } from './follow-up-access.js';
import type { FollowUpItemEntity } from './follow-up-item.entity.js';
import type { FollowUpSectionEntity, StatusPart } from './follow-up-plan.entity.js';
import type { FollowUpStatusEntity } from './follow-up-status.entity.js';
import {
  type FileStatus,
  overallStatus,
  type PlanFileRow,
  planStatusFile,
  readPlanFile,
  statusCell,
} from './plan-file.js';
import {
  includeInReport,
  type NoteFront,
  periodLabel,
  type StatusReportData,
  type StatusReportSection,
  statusSentence,
} from './status-report.js';

/** A part of a split status, with its status's label. */
export type PartView = StatusPart & { label: string; done: boolean };
export type HistoryView = HistoryEntry & {
  partLabels: PartView[] | null;
  sentence: string;
  /** The status as a short phrase: "i gang", or "imødekommet for børn; i gang for voksne". */
  said: string;
};
export type ItemView = Omit<ItemRow, 'statusParts'> & {
  overdue: boolean;
  statusParts: PartView[] | null;
  statusSentence: string;
};
export type PlanItemView = ItemView & { history: HistoryView[]; canWrite: boolean };

/** A heading of a plan as shown: its depth, own text, the status it may hold, and its recommendations. */
export interface SectionView {
  id: string;
  parentId: string | null;
  depth: number;
  number: string;
  title: string;
  text: string;
  holdsStatus: boolean;
  statusId: string | null;
  statusLabel: string | null;
  done: boolean;
  statusParts: PartView[] | null;
  statusSentence: string;
  statusText: string;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  doneSince: Date | null;
  version: number;
  /** Whose leaders write its status (and, unless set on them, its recommendations'); null: the plan's facility's. */
  writerFacilityId: string | null;
  /** Whether the reading user may write the status this heading holds. */
  canWrite: boolean;
  history: HistoryView[];
  items: PlanItemView[];
}

export interface PlanView {
  id: string;
  title: string;
  /** The owning facility, or null when a unit of the organisation tree owns the plan. */
  facilityId: string | null;
  orgUnitId: string | null;
  /** The owner's name (facility or unit). */
  facilityName: string;
  visitId: string | null;
  version: number;
  /** Headings in reading order; `depth` says how far each is nested. */
  sections: SectionView[];
  reports: { id: string; period: string; periodLabel: string; issuedAt: Date; title: string; date: string | null }[];
}

type StatusList = Pick<FollowUpStatusEntity, 'id' | 'label' | 'done' | 'active'>[];

const partViews = (parts: StatusPart[] | null, statuses: StatusList): PartView[] | null =>
  parts?.length
    ? parts.map((p) => {
        const st = statuses.find((s) => s.id === p.statusId);
        return { ...p, label: st?.label ?? '', done: !!st?.done };
      })
    : null;

const itemView = (i: ItemRow, statuses: StatusList): ItemView => {
  const parts = partViews(i.statusParts, statuses);
  return {
    ...i,
    statusParts: parts,
    statusSentence: statusSentence(i.statusLabel, parts),
    overdue: !i.done && !!i.deadline && i.deadline < today(),
  };
};
/** A status as the audit trail keeps it: the label, the parts of a split status, the text and version. */
const auditStatus = (x: {
  statusLabel: string | null;
  statusParts: PartView[] | null;
  statusText: string;
  version: number;
}) => ({
  status: x.statusLabel,
  ...(x.statusParts ? { parts: x.statusParts.map((p) => `${p.group}: ${p.label}`) } : {}),
  text: x.statusText,
  version: x.version,
});
const historyView = (e: HistoryEntry, statuses: StatusList): HistoryView => {
  const parts = partViews(e.parts, statuses);
  const sentence = statusSentence(e.statusLabel, parts);
  return { ...e, partLabels: parts, sentence, said: sentence.replace(/^Status: /, '').replace(/\.$/, '') };
};
const statusView = (s: FollowUpStatusEntity) => ({
  id: s.id,
  label: s.label,
  position: s.position,
  done: s.done,
  active: s.active,
  version: s.version,
});
const VISIT_SECTION_TITLE = 'Anbefalinger og påbud fra tilsynsbesøget';

/** Follow-up plans, their recommendations' statuses and history, and the half-yearly status reports. */
@Injectable()
export class FollowUpService {
  constructor(
    private readonly repo: FollowUpRepository,
    private readonly access: FollowUpAccess,
    private readonly audit: AuditService,
    private readonly visits: VisitsService,
    private readonly inspections: InspectionsRepository,
    private readonly tree: OrgTreeService,
  ) {}

  async statuses() {
    return (await this.repo.statuses()).map(statusView);
  }

  /** Region staff keep the status list; `id` null adds one at the end. */
  @Transactional()
  async saveStatus(user: AuthUser, id: string | null, dto: SaveStatusOptionDto) {
    this.access.policy.assertRegionStaff(user);
    const all = await this.repo.statuses();
    const label = dto.label.trim().toLowerCase();
    if (all.some((s) => s.label === label && s.id !== id)) {
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'label', rule: 'unique', message: 'der findes allerede en status med den betegnelse' },
      ]);
    }
    const existing = id ? all.find((s) => s.id === id) : undefined;
    if (id && !existing) throw new NotFoundError('Statussen findes ikke');
    if (existing && existing.version !== dto.version)
      throw new ConflictError(
        'Statussen er ændret af en anden',
        [],
        { current: statusView(existing) },
        'stale-version',
      );
    const before = existing && statusView(existing);
    const saved = await this.repo.saveStatus({
      ...existing,
      label,
      done: dto.done,
      active: dto.active ?? existing?.active ?? true,
      position: existing?.position ?? all.length + 1,
    });
    await this.audit.record({
      action: existing ? 'follow_up_status.updated' : 'follow_up_status.created',
      entityType: 'follow_up_status',
      entityId: saved.id,
      before,
      after: statusView(saved),
    });
    return statusView(saved);
  }

  async plans(user: AuthUser, facilityId?: string) {
    const readable = await this.access.policy.readableFacilities(user);
    if (facilityId) {
      await this.access.read(user, facilityId, 'Tilbuddet');
      return this.repo.plans([facilityId]);
    }
    const units = await this.access.readableUnits(user);
    return this.repo.plans(readable, units === 'all' ? [] : units);
  }

  private async readablePlan(user: AuthUser, id: string) {
    const plan = await this.repo.plan(id);
    if (!plan) throw new NotFoundError('Planen findes ikke');
    await this.access.readPlan(user, plan, 'Planen');
    return plan;
  }

  async plan(user: AuthUser, id: string): Promise<PlanView> {
    const plan = await this.readablePlan(user, id);
    const statuses = await this.repo.statuses();
    const itemHistory = new Map<string, HistoryView[]>();
    for (const e of await this.repo.history({ planId: id })) {
      const key = e.itemId ?? `s:${e.sectionId}`;
      itemHistory.set(key, [...(itemHistory.get(key) ?? []), historyView(e, statuses)]);
    }
    const writable = new Map<string | null, boolean>();
    const canWrite = async (writer: string | null) => {
      if (!writable.has(writer)) writable.set(writer, await this.access.canWrite(user, writer));
      return writable.get(writer)!;
    };
    const items: PlanItemView[] = [];
    for (const i of await this.repo.items({ planId: id }))
      items.push({
        ...itemView(i, statuses),
        history: itemHistory.get(i.id) ?? [],
        canWrite: await canWrite(i.writerFacilityId),
      });
    const depth = new Map<string, number>();
    const sections: SectionView[] = [];
    for (const s of await this.repo.sections(id)) {
      const d = s.parentId ? (depth.get(s.parentId) ?? 0) + 1 : 1;
      depth.set(s.id, d);
      const parts = partViews(s.statusParts, statuses);
      sections.push({
        ...s,
        depth: d,
        holdsStatus: !!s.statusId,
        statusParts: parts,
        statusSentence: s.statusLabel ? statusSentence(s.statusLabel, parts) : '',
        canWrite: await canWrite(s.writerFacilityId ?? plan.facilityId),
        history: itemHistory.get(`s:${s.id}`) ?? [],
        items: items.filter((i) => i.sectionId === s.id),
      });
    }
    const reports = (await this.repo.reports(id)).map((r) => ({
      id: r.id,
      period: r.period,
      periodLabel: periodLabel(r.period),
      issuedAt: r.issuedAt,
      title: r.data.front?.title || r.data.title,
      date: r.data.front?.date ?? null,
    }));
    return {
      id,
      title: plan.title,
      facilityId: plan.facilityId,
      orgUnitId: plan.orgUnitId,
      facilityName: (await this.repo.ownerName(plan)) ?? '',
      visitId: plan.visitId,
      version: plan.version,
      sections,
      reports,
    };
  }

  /** Overdue recommendations not yet met: region staff and inspectors see all, leaders their own facilities'. */
  async overdue(user: AuthUser): Promise<ItemView[]> {
    const statuses = await this.repo.statuses();
    return (await this.repo.items({ overdueIn: await this.access.policy.readableFacilities(user) })).map((i) =>
      itemView(i, statuses),
    );
  }

  private async firstStatusId(): Promise<string> {
    const first = (await this.repo.statuses()).find((s) => s.active && !s.done);
    if (!first) throw new InvalidInputError('Statuslisten har ingen aktiv startstatus');
    return first.id;
  }

  /** Imports a free-standing plan: every row or none, every error with its row and column. */
  @Transactional()
  async importPlan(user: AuthUser, dto: ImportPlanDto, data: Buffer, format: 'csv' | 'xlsx') {
    this.access.policy.assertRegionStaff(user);
    if (!!dto.facilityId === !!dto.orgUnitId)
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: dto.facilityId ? 'orgUnitId' : 'facilityId',
          rule: 'oneOwner',
          message: 'vælg enten et tilbud eller en enhed i organisationen, der ejer planen',
        },
      ]);
    if (dto.facilityId) await this.access.policy.assertFacility(user, dto.facilityId, 'manage');
    else if (!(await this.tree.unit(dto.orgUnitId!)))
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'orgUnitId', rule: 'exists', message: 'enheden findes ikke' },
      ]);
    const statuses = await this.repo.statuses();
    const { sections, errors, readAs } = await readPlanFile(data, format, statuses, await this.tree.facilityNames());
    if (errors.length)
      throw new InvalidInputError(
        `Filen blev ikke importeret: ${errors.length} fejl`,
        errors,
        {},
        'follow-up-import-rejected',
      );
    const plan = await this.repo.createPlan(
      {
        facilityId: dto.facilityId ?? null,
        orgUnitId: dto.orgUnitId ?? null,
        title: dto.title.trim(),
        visitId: null,
        createdById: user.id,
      },
      sections,
      await this.firstStatusId(),
      (id) => !!statuses.find((s) => s.id === id)?.done,
    );
    const items = sections.reduce((n, s) => n + s.items.length, 0);
    await this.audit.record({
      action: 'follow_up_plan.imported',
      entityType: 'follow_up_plan',
      entityId: plan.id,
      facilityId: dto.facilityId,
      after: {
        title: plan.title,
        facilityId: plan.facilityId,
        orgUnitId: plan.orgUnitId,
        sections: sections.length,
        items,
        readAs,
      },
    });
    return { id: plan.id, sections: sections.length, items, readAs };
  }

  async visitsWithoutPlan(user: AuthUser) {
    this.access.policy.assertRegionStaff(user);
    return this.repo.visitsWithoutPlan('all');
  }

  /** The published visit (readable by the user, else 404) and the plan that follows it up, if any. */
  async visitFollowUp(user: AuthUser, visitId: string) {
    const { visit } = await this.visits.load(user, visitId, 'read');
    if (visit.status !== 'published')
      throw new ConflictError(
        'Kun offentliggjorte besøg følges op',
        [],
        { visitStatus: visit.status },
        'visit-not-published',
      );
    const plan = await this.repo.planOfVisit(visitId);
    return {
      visit: {
        id: visit.id,
        plannedDate: visit.plannedDate,
        facilityName: (await this.repo.facilityName(visit.facilityId)) ?? '',
      },
      planId: plan?.id ?? null,
    };
  }

  /** The recommendations and orders of a published visit become a plan; asking again gives the same plan. */
  @Transactional()
  async planFromVisit(user: AuthUser, visitId: string) {
    const { visit } = await this.visits.load(user, visitId, 'read');
    await this.access.policy.assertFacility(user, visit.facilityId, 'manage');
    if (visit.status !== 'published')
      throw new ConflictError(
        'Kun offentliggjorte besøg følges op',
        [],
        { visitStatus: visit.status },
        'visit-not-published',
      );
    return this.ensurePlanOfVisit(visit, user.id);
  }

  /**
   * The plan of a published visit, made from its recommendations and orders (with their owners and
   * deadlines) if it does not exist yet. Publication calls this in its own transaction, so the
   * leader can answer them the same minute; access was decided by the step that led here.
   */
  @Transactional()
  async ensurePlanOfVisit(
    visit: { id: string; facilityId: string; plannedDate: string },
    userId: string,
  ): Promise<{ id: string; created: boolean }> {
    const visitId = visit.id;
    const existing = await this.repo.lockPlanOfVisit(visitId);
    if (existing) return { id: existing.id, created: false };
    const findings = (await this.inspections.findings(visitId)).filter((f) => f.kind !== 'development_point');
    const items = findings.map((f, n) => ({
      number: `1.${n + 1}`,
      text: f.text,
      owner: f.owner,
      deadline: f.deadline,
      findingId: f.id,
      status: null,
    }));
    const title = `Opfølgning på tilsynsbesøg ${visit.plannedDate}`;
    const plan = await this.repo.createPlan(
      { facilityId: visit.facilityId, title, visitId, createdById: userId },
      [{ depth: 1, number: '1', title: VISIT_SECTION_TITLE, text: '', status: null, items }],
      await this.firstStatusId(),
      () => false,
    );
    await this.audit.record({
      action: 'follow_up_plan.created_from_visit',
      entityType: 'follow_up_plan',
      entityId: plan.id,
      facilityId: visit.facilityId,
      after: { title, visitId, items: items.length },
    });
    return { id: plan.id, created: true };
  }

  private async readableItem(user: AuthUser, itemId: string): Promise<ItemView> {
    const [item] = await this.repo.items({ itemId });
    if (!item) throw new NotFoundError('Anbefalingen findes ikke');
    const plan = await this.repo.plan(item.planId);
    await this.access.readPlan(user, plan!, 'Anbefalingen');
    return itemView(item, await this.repo.statuses());
  }

  async item(user: AuthUser, itemId: string) {
    const item = await this.readableItem(user, itemId);
    const statuses = await this.repo.statuses();
    return { ...item, history: (await this.repo.history({ itemId })).map((e) => historyView(e, statuses)) };
  }

  private async readableSection(
    user: AuthUser,
    sectionId: string,
  ): Promise<SectionView & { planId: string; facilityId: string | null }> {
    const section = await this.repo.section(sectionId);
    if (!section) throw new NotFoundError('Afsnittet findes ikke');
    const plan = await this.plan(user, section.planId).catch((e) => {
      if (e instanceof NotFoundError) throw new NotFoundError('Afsnittet findes ikke');
      throw e;
    });
    const view = plan.sections.find((s) => s.id === sectionId)!;
    return { ...view, planId: plan.id, facilityId: plan.facilityId };
  }

  async section(user: AuthUser, sectionId: string) {
    return this.readableSection(user, sectionId);
  }

  /**
   * The status a form or file gives, checked against the status list: one active status, or a
   * split one (one active status per target group, each group once), whose overall status is the
   * first part not met (met only when all parts are).
   */
  private async chosenStatus(
    dto: { statusId?: string; parts?: StatusPart[] },
    text: string,
  ): Promise<FileStatus & { done: boolean }> {
    const statuses = await this.repo.statuses();
    const bad = (field: string, rule: string, message: string) =>
      new InvalidInputError('Ret de markerede felter', [{ field, rule, message }]);
    if (dto.parts?.length) {
      const chosen = dto.parts.map((p, i) => {
        const st = statuses.find((s) => s.id === p.statusId);
        if (!st?.active) throw bad(`parts[${i}].statusId`, 'activeStatus', 'vælg en status fra listen');
        return st;
      });
      const groups = dto.parts.map((p) => p.group.trim().toLowerCase());
      const twice = groups.findIndex((g, i) => groups.indexOf(g) !== i);
      if (twice >= 0) throw bad(`parts[${twice}].group`, 'uniqueGroup', 'hver målgruppe kun én gang');
      const overall = overallStatus(chosen);
      return {
        statusId: overall.id,
        done: overall.done,
        parts: dto.parts.map((p) => ({ group: p.group.trim(), statusId: p.statusId })),
        text,
      };
    }
    const status = statuses.find((s) => s.id === dto.statusId);
    if (!status?.active) throw bad('statusId', 'activeStatus', 'vælg en status fra listen');
    return { statusId: status.id, done: status.done, parts: null, text };
  }

  /** Writes a status on the row that holds it (an item or a section) and adds the history entry. */
  private async applyStatus(
    holder: FollowUpItemEntity | FollowUpSectionEntity,
    wasDone: boolean,
    status: FileStatus & { done: boolean },
    user: AuthUser,
    kind: 'item' | 'section',
  ) {
    const changedAt = now();
    Object.assign(holder, {
      statusId: status.statusId,
      statusParts: status.parts,
      statusText: status.text,
      statusChangedAt: changedAt,
      statusChangedById: user.id,
      doneSince: status.done ? (wasDone ? holder.doneSince : changedAt) : null,
    });
    if (kind === 'item') await this.repo.saveItem(holder as FollowUpItemEntity);
    else await this.repo.saveSection(holder as FollowUpSectionEntity);
    await this.repo.addEntry({
      itemId: kind === 'item' ? holder.id : null,
      sectionId: kind === 'section' ? holder.id : null,
      statusId: status.statusId,
      parts: status.parts,
      text: status.text,
      createdById: user.id,
    });
  }

  /** A status report on one recommendation: current status, history entry and audit row commit together. */
  @Transactional()
  async reportStatus(user: AuthUser, itemId: string, dto: ReportStatusDto): Promise<ItemView> {
    const before = await this.readableItem(user, itemId);
    await this.access.writeStatus(user, before.writerFacilityId);
    const item = await this.repo.lockItem(itemId);
    if (!item || item.version !== dto.version)
      throw new ConflictError('Anbefalingen er ændret af en anden', [], { current: before }, 'stale-version');
    if (before.statusOnSection)
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: 'statusId',
          rule: 'sectionStatus',
          message: `status på ${before.number || 'anbefalingen'} føres samlet for afsnit ${before.sectionNumber} ${before.sectionTitle}`,
        },
      ]);
    const status = await this.chosenStatus(dto, dto.text.trim());
    await this.applyStatus(item, before.done, status, user, 'item');
    const after = await this.readableItem(user, itemId);
    await this.audit.record({
      action: 'follow_up_item.status_reported',
      entityType: 'follow_up_item',
      entityId: itemId,
      facilityId: before.facilityId ?? undefined,
      before: auditStatus(before),
      after: auditStatus(after),
    });
    return after;
  }

  /** A status report on a section that holds one status for all its recommendations. */
  @Transactional()
  async reportSectionStatus(user: AuthUser, sectionId: string, dto: ReportStatusDto) {
    const before = await this.readableSection(user, sectionId);
    await this.access.writeStatus(user, before.writerFacilityId ?? before.facilityId);
    const section = await this.repo.lockSection(sectionId);
    const current = () => ({ ...before, history: undefined, items: undefined });
    if (!section || section.version !== dto.version)
      throw new ConflictError('Afsnittet er ændret af en anden', [], { current: current() }, 'stale-version');
    if (!before.holdsStatus)
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'statusId', rule: 'itemStatus', message: 'afsnittets anbefalinger har hver sin status' },
      ]);
    const status = await this.chosenStatus(dto, dto.text.trim());
    await this.applyStatus(section, before.done, status, user, 'section');
    const after = await this.readableSection(user, sectionId);
    await this.audit.record({
      action: 'follow_up_section.status_reported',
      entityType: 'follow_up_section',
      entityId: sectionId,
      facilityId: before.facilityId ?? undefined,
      before: auditStatus(before),
      after: auditStatus(after),
    });
    return { ...after, history: undefined, items: undefined };
  }

  /** Region staff correct a recommendation's wording, owner or deadline; its status and history stay. */
  @Transactional()
  async editItem(user: AuthUser, itemId: string, dto: EditItemDto): Promise<ItemView> {
    this.access.policy.assertRegionStaff(user);
    const before = await this.readableItem(user, itemId);
    const item = await this.repo.lockItem(itemId);
    if (!item || item.version !== dto.version)
      throw new ConflictError('Anbefalingen er ændret af en anden', [], { current: before }, 'stale-version');
    Object.assign(item, { text: dto.text.trim(), owner: dto.owner.trim(), deadline: dto.deadline ?? null });
    await this.repo.saveItem(item);
    const after = await this.readableItem(user, itemId);
    const fields = (i: ItemView) => ({ text: i.text, owner: i.owner, deadline: i.deadline, version: i.version });
    await this.audit.record({
      action: 'follow_up_item.edited',
      entityType: 'follow_up_item',
      entityId: itemId,
      facilityId: before.facilityId ?? undefined,
      before: fields(before),
      after: fields(after),
    });
    return after;
  }

  /**
   * The status note's content: per heading, each recommendation with status and status text,
   * leaving out those already shown once as met (includeInReport). Without `reportId`, the next
   * note as it stands now; with it, the note as issued.
   */
  async statusReport(user: AuthUser, planId: string, reportId?: string): Promise<StatusReportData> {
    const plan = await this.plan(user, planId);
    if (reportId) {
      const issued = await this.repo.report(reportId);
      if (!issued || issued.planId !== planId) throw new NotFoundError('Statusrapporten findes ikke');
      return issued.data;
    }
    return this.nextReport(
      plan,
      (await this.repo.reports(planId)).map((r) => r.issuedAt),
      null,
      null,
    );
  }

  private nextReport(
    plan: PlanView,
    earlier: Date[],
    period: string | null,
    front: NoteFront | null,
  ): StatusReportData {
    let lastShownCount = 0;
    const shown = (done: boolean, doneSince: Date | null) => {
      const include = includeInReport(doneSince && new Date(doneSince), earlier);
      if (include && done) lastShownCount++;
      return include;
    };
    const noteStatus = (x: {
      statusLabel: string | null;
      statusText: string;
      statusSentence: string;
      done: boolean;
    }) => ({
      statusLabel: x.statusLabel ?? '',
      statusText: x.statusText,
      statusSentence: x.statusSentence,
      done: x.done,
    });
    const kept = new Map<string, StatusReportSection & { id: string; parentId: string | null; content: boolean }>();
    const hadItems = new Set<string>();
    for (const s of plan.sections) {
      const sectionShown = !s.holdsStatus || shown(s.done, s.doneSince);
      const items = sectionShown
        ? s.items
            .filter((i) => s.holdsStatus || shown(i.done, i.doneSince))
            .map((i) => ({
              number: i.number,
              text: i.text,
              owner: i.owner,
              deadline: i.deadline,
              statusOnSection: s.holdsStatus,
              ...noteStatus(i),
            }))
        : [];
      if (s.items.length) {
        for (let p: string | null = s.id; p; p = plan.sections.find((x) => x.id === p)?.parentId ?? null)
          hadItems.add(p);
      }
      kept.set(s.id, {
        id: s.id,
        parentId: s.parentId,
        number: s.number,
        title: s.title,
        anchor: `afsnit-${s.id.slice(0, 8)}`,
        depth: s.depth,
        text: s.text,
        status: s.holdsStatus && sectionShown ? noteStatus(s) : null,
        items,
        content: items.length > 0 || (s.holdsStatus && sectionShown),
      });
    }
    // a heading stays when something under it is shown, or when it is text only (nothing under it to report on)
    for (const s of [...kept.values()].reverse()) {
      if (!s.content && !hadItems.has(s.id) && s.text) s.content = true;
      if (s.content && s.parentId) kept.get(s.parentId)!.content = true;
    }
    const sections = [...kept.values()]
      .filter((s) => s.content)
      .map(({ id: _, parentId: __, content: ___, ...s }) => s);
    const label = period ? periodLabel(period) : 'Udkast';
    return {
      title: front?.title || `Statusrapport ${label} · ${plan.facilityName}`,
      facilityName: plan.facilityName,
      planTitle: plan.title,
      period: period ?? '',
      periodLabel: label,
      generatedAt: now().toISOString(),
      front: front ?? {
        addressee: '',
        date: today(),
        caseNumber: '',
        documentNumber: '',
        title: `Statusrapport Udkast – ${plan.title}`,
        introduction: '',
      },
      sections,
      lastShownCount,
    };
  }

  /** Issues the half-yearly note: its content is kept as issued, and met recommendations in it are left out of later ones. */
  @Transactional()
  async issueReport(user: AuthUser, planId: string, dto: IssueReportDto) {
    this.access.policy.assertRegionStaff(user);
    const plan = await this.plan(user, planId);
    const earlier = await this.repo.reports(planId);
    const period = dto.period;
    if (earlier.some((r) => r.period === period)) {
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: 'period',
          rule: 'unique',
          message: `der er allerede udsendt en statusrapport for ${periodLabel(period)}`,
        },
      ]);
    }
    const front: NoteFront = {
      addressee: dto.addressee?.trim() ?? '',
      date: dto.date ?? today(),
      caseNumber: dto.caseNumber?.trim() ?? '',
      documentNumber: dto.documentNumber?.trim() ?? '',
      title: dto.title?.trim() || `Status på ${plan.title}, ${periodLabel(period)}`,
      introduction: dto.introduction?.trim() ?? '',
    };
    const data = this.nextReport(
      plan,
      earlier.map((r) => r.issuedAt),
      period,
      front,
    );
    const report = await this.repo.saveReport({ planId, period, data, issuedById: user.id });
    await this.audit.record({
      action: 'follow_up_report.issued',
      entityType: 'follow_up_report',
      entityId: report.id,
      facilityId: plan.facilityId ?? undefined,
      after: { planId, period, front },
    });
    return { id: report.id, period, periodLabel: periodLabel(period), issuedAt: report.issuedAt, title: front.title };
  }

  /** The plan as a structured file: headings and recommendations in reading order, with id, version and status. */
  async exportStatus(user: AuthUser, planId: string, format: 'csv' | 'xlsx') {
    const plan = await this.plan(user, planId);
    const names = new Map((await this.tree.facilityNames()).map((f) => [f.id, f.name]));
    const writer = (id: string | null) => (id ? (names.get(id) ?? '') : '');
    const status = (x: { statusLabel: string | null; statusParts: PartView[] | null }) =>
      statusCell(x.statusLabel ?? '', x.statusParts);
    const rows: PlanFileRow[] = plan.sections.flatMap((s) => [
      {
        id: s.id,
        type: 'overskrift' as const,
        depth: s.depth,
        number: s.number,
        title: s.title,
        text: s.text,
        owner: '',
        deadline: null,
        status: s.holdsStatus ? status(s) : '',
        statusText: s.holdsStatus ? s.statusText : '',
        version: s.version,
        writer: writer(s.writerFacilityId),
        changedAt: s.holdsStatus ? s.statusChangedAt : null,
        changedBy: s.holdsStatus ? s.statusChangedBy : null,
      },
      ...s.items.map((i) => ({
        id: i.id,
        type: 'anbefaling' as const,
        depth: null,
        number: i.number,
        title: '',
        text: i.text,
        owner: i.owner,
        deadline: i.deadline,
        status: s.holdsStatus ? '' : status(i),
        statusText: s.holdsStatus ? '' : i.statusText,
        version: i.version,
        writer: i.writerFacilityId !== (s.writerFacilityId ?? plan.facilityId) ? writer(i.writerFacilityId) : '',
        changedAt: s.holdsStatus ? null : i.statusChangedAt,
        changedBy: s.holdsStatus ? null : i.statusChangedBy,
      })),
    ]);
    return {
      fileName: `opfoelgning-${plan.id.slice(0, 8)}.${format}`,
      ...(await planStatusFile(rows, format)),
    };
  }

  /**
   * The round trip: a plan's export, edited in Excel, read back. Every row names its heading or
   * recommendation by id and the version it was exported at; changed statuses and status texts are
   * reported (history and audit as from the form), changed texts, numbers, owners and deadlines
   * corrected (region staff only). All rows or none: an unknown id, a row changed by someone else
   * since the export (version), a changed structure or a refused value stops the whole file.
   */
  @Transactional()
  async updateFromFile(user: AuthUser, planId: string, data: Buffer, format: 'csv' | 'xlsx') {
    const plan = await this.plan(user, planId);
    if (user.role === Role.Inspector) await this.access.writeStatus(user, null);
    const statuses = await this.repo.statuses();
    const facilities = await this.tree.facilityNames();
    const file = await readPlanFile(data, format, statuses, facilities);
    const errors = [...file.errors];
    if (!errors.length && !file.structured)
      errors.push({
        field: 'kolonne type',
        rule: 'requiredColumn',
        message: 'brug en fil hentet fra planen (med kolonnerne id, type og version)',
      });
    const region = user.role === Role.RegionStaff;
    const sections = new Map(plan.sections.map((s) => [s.id, s]));
    const items = new Map(plan.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
    type Change = {
      kind: 'section' | 'item';
      id: string;
      line: number;
      fields: Record<string, unknown>;
      status: (FileStatus & { done: boolean }) | null;
    };
    const changes: Change[] = [];
    const rowError = (line: number, column: string, rule: string, message: string) =>
      errors.push({ field: `række ${line}, ${column}`, rule, message });
    const done = (id: string) => !!statuses.find((s) => s.id === id)?.done;
    const partsKey = (parts: StatusPart[] | null) =>
      JSON.stringify(parts?.map((p) => ({ group: p.group, statusId: p.statusId })) ?? null);
    const statusChanged = (
      st: FileStatus | null,
      cur: { statusId: string | null; statusParts: PartView[] | null; statusText: string },
    ) =>
      !!st &&
      (st.statusId !== cur.statusId || st.text !== cur.statusText || partsKey(st.parts) !== partsKey(cur.statusParts));
    // The checks a heading's row and a recommendation's row share
    type Noun = 'overskriften' | 'anbefalingen';
    const known = <T>(noun: Noun, row: { id?: string | null; line: number }, found: Map<string, T>) => {
      const cur = row.id ? found.get(row.id.toLowerCase()) : undefined;
      if (!cur)
        rowError(
          row.line,
          'id',
          'knownRow',
          row.id ? `${noun} findes ikke i planen` : 'nye rækker kan ikke tilføjes ved genindlæsning; id mangler',
        );
      return cur;
    };
    const current = (noun: Noun, row: { version?: number | null; line: number }, version: number) => {
      if (row.version !== version)
        rowError(
          row.line,
          'version',
          'stale',
          `${noun} er ændret efter eksporten (version ${row.version ?? '–'}, nu ${version}); hent planen igen`,
        );
    };
    /** The texts the row changes (field → new value); only region staff may change them. */
    const changedTexts = <R, C>(line: number, row: R, cur: C, columns: Partial<Record<keyof R & keyof C, string>>) => {
      const changed = (Object.keys(columns) as (keyof R & keyof C)[]).filter((k) => row[k] !== (cur[k] as unknown));
      if (changed.length && !region)
        rowError(
          line,
          changed.map((k) => columns[k]).join(', '),
          'regionOnly',
          'kun regionens medarbejdere retter planens tekster',
        );
      return Object.fromEntries(changed.map((k) => [k, row[k]])) as Record<string, unknown>;
    };
    for (const s of file.sections) {
      const cur = known('overskriften', s, sections);
      if (!cur) continue;
      current('overskriften', s, cur.version);
      if (s.depth !== cur.depth)
        rowError(s.line, 'niveau', 'structure', `overskriften står på niveau ${cur.depth} i planen`);
      if (!!s.status !== cur.holdsStatus)
        rowError(
          s.line,
          'status',
          'structure',
          cur.holdsStatus
            ? 'overskriften har status for sine anbefalinger; skal udfyldes'
            : 'status står på anbefalingerne under overskriften',
        );
      const fields = changedTexts(s.line, s, cur, { number: 'nr', title: 'titel', text: 'tekst' });
      const st =
        cur.holdsStatus && statusChanged(s.status, cur) ? { ...s.status!, done: done(s.status!.statusId) } : null;
      if (Object.keys(fields).length || st)
        changes.push({ kind: 'section', id: cur.id, line: s.line, fields, status: st });
      for (const i of s.items) {
        const ci = known('anbefalingen', i, items);
        if (!ci) continue;
        if (ci.sectionId !== cur.id)
          rowError(
            i.line,
            'id',
            'structure',
            `anbefalingen står under ${ci.sectionNumber} ${ci.sectionTitle} i planen`,
          );
        current('anbefalingen', i, ci.version);
        if (!cur.holdsStatus && !i.status) rowError(i.line, 'status', 'isNotEmpty', 'skal udfyldes');
        const itemFields = changedTexts(i.line, i, ci, {
          number: 'nr',
          text: 'tekst',
          owner: 'ansvarlig',
          deadline: 'frist',
        });
        const ist =
          !cur.holdsStatus && statusChanged(i.status, ci) ? { ...i.status!, done: done(i.status!.statusId) } : null;
        if (ist && !ci.canWrite)
          rowError(i.line, 'status', 'writer', 'status her skrives af et andet tilbuds ledere eller af regionen');
        if (ist && !ist.text) rowError(i.line, 'statustekst', 'isNotEmpty', 'skal udfyldes, når status ændres');
        if (Object.keys(itemFields).length || ist)
          changes.push({ kind: 'item', id: ci.id, line: i.line, fields: itemFields, status: ist });
      }
    }
    if (errors.length)
      throw new InvalidInputError(
        `Filen blev ikke indlæst: ${errors.length} fejl`,
        errors,
        {},
        'follow-up-import-rejected',
      );
    for (const c of changes) {
      const row = c.kind === 'item' ? await this.repo.lockItem(c.id) : await this.repo.lockSection(c.id);
      const cur = c.kind === 'item' ? items.get(c.id)! : sections.get(c.id)!;
      if (!row || row.version !== cur.version)
        throw new ConflictError(
          'Planen er ændret af en anden under indlæsningen',
          [{ field: `række ${c.line}`, rule: 'stale', message: 'ændret af en anden; prøv igen' }],
          {},
          'stale-version',
        );
      Object.assign(row, c.fields);
      if (c.status) await this.applyStatus(row, cur.done, c.status, user, c.kind);
      else if (c.kind === 'item') await this.repo.saveItem(row as FollowUpItemEntity);
      else await this.repo.saveSection(row as FollowUpSectionEntity);
      await this.audit.record({
        action: c.kind === 'item' ? 'follow_up_item.updated_from_file' : 'follow_up_section.updated_from_file',
        entityType: c.kind === 'item' ? 'follow_up_item' : 'follow_up_section',
        entityId: c.id,
        facilityId: plan.facilityId ?? undefined,
        before: {
          ...Object.fromEntries(Object.keys(c.fields).map((k) => [k, (cur as unknown as Record<string, unknown>)[k]])),
          ...(c.status ? { status: cur.statusSentence, statusText: cur.statusText } : {}),
          version: cur.version,
        },
        after: {
          ...c.fields,
          ...(c.status
            ? {
                status: statusSentence(
                  statuses.find((s) => s.id === c.status!.statusId)?.label ?? '',
                  partViews(c.status.parts, statuses),
                ),
                statusText: c.status.text,
              }
            : {}),
          version: row.version,
        },
      });
    }
    return {
      changed: changes.length,
      statuses: changes.filter((c) => c.status).length,
      texts: changes.filter((c) => Object.keys(c.fields).length).length,
      readAs: file.readAs,
    };
  }
}
