import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError, now, today } from '#libs/core';
import { Transactional } from '#libs/database';
import { InspectionsRepository, VisitsService } from '#libs/inspections';
import type { EditItemDto, ImportPlanDto, ReportStatusDto, SaveStatusOptionDto } from './follow-up.dto.js';
import { FollowUpRepository, type HistoryEntry, type ItemRow } from './follow-up.repository.js';
import { FollowUpAccess } from './follow-up-access.js';
import type { FollowUpStatusEntity } from './follow-up-status.entity.js';
import { planStatusFile, readPlanFile } from './plan-file.js';
import { includeInReport, periodLabel, type StatusReportData } from './status-report.js';

export type ItemView = ItemRow & { overdue: boolean };
export type PlanItemView = ItemView & { history: HistoryEntry[] };

export interface PlanView {
  id: string;
  title: string;
  facilityId: string;
  facilityName: string;
  visitId: string | null;
  version: number;
  sections: { id: string; number: string; title: string; items: PlanItemView[] }[];
  reports: { id: string; period: string; periodLabel: string; issuedAt: Date }[];
}

const itemView = (i: ItemRow): ItemView => ({ ...i, overdue: !i.done && !!i.deadline && i.deadline < today() });
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
    if (facilityId) await this.access.read(user, facilityId, 'Tilbuddet');
    return this.repo.plans(facilityId ? [facilityId] : readable);
  }

  private async readablePlan(user: AuthUser, id: string) {
    const plan = await this.repo.plan(id);
    if (!plan) throw new NotFoundError('Planen findes ikke');
    await this.access.read(user, plan.facilityId, 'Planen');
    return plan;
  }

  async plan(user: AuthUser, id: string): Promise<PlanView> {
    const plan = await this.readablePlan(user, id);
    const history = new Map<string, HistoryEntry[]>();
    for (const e of await this.repo.history({ planId: id }))
      history.set(e.itemId, [...(history.get(e.itemId) ?? []), e]);
    const items = (await this.repo.items({ planId: id })).map((i) => ({
      ...itemView(i),
      history: history.get(i.id) ?? [],
    }));
    const sections = new Map<string, PlanView['sections'][number]>();
    for (const i of items) {
      if (!sections.has(i.sectionId))
        sections.set(i.sectionId, { id: i.sectionId, number: i.sectionNumber, title: i.sectionTitle, items: [] });
      sections.get(i.sectionId)!.items.push(i);
    }
    const reports = (await this.repo.reports(id)).map((r) => ({
      id: r.id,
      period: r.period,
      periodLabel: periodLabel(r.period),
      issuedAt: r.issuedAt,
    }));
    return {
      id,
      title: plan.title,
      facilityId: plan.facilityId,
      facilityName: (await this.repo.facilityName(plan.facilityId)) ?? '',
      visitId: plan.visitId,
      version: plan.version,
      sections: [...sections.values()],
      reports,
    };
  }

  /** Overdue recommendations not yet met: region staff and inspectors see all, leaders their own facilities'. */
  async overdue(user: AuthUser): Promise<ItemView[]> {
    return (await this.repo.items({ overdueIn: await this.access.policy.readableFacilities(user) })).map(itemView);
  }

  private async firstStatusId(): Promise<string> {
    const first = (await this.repo.statuses()).find((s) => s.active && !s.done);
    if (!first) throw new InvalidInputError('Statuslisten har ingen aktiv startstatus');
    return first.id;
  }

  /** Imports a free-standing plan: every row or none, every error with its row and column. */
  @Transactional()
  async importPlan(user: AuthUser, dto: ImportPlanDto, data: Buffer, format: 'csv' | 'xlsx') {
    await this.access.policy.assertFacility(user, dto.facilityId, 'manage');
    const { sections, errors, readAs } = await readPlanFile(data, format);
    if (errors.length) throw new InvalidInputError(`Filen blev ikke importeret: ${errors.length} fejl`, errors);
    const plan = await this.repo.createPlan(
      { facilityId: dto.facilityId, title: dto.title.trim(), visitId: null, createdById: user.id },
      sections,
      await this.firstStatusId(),
    );
    const items = sections.reduce((n, s) => n + s.items.length, 0);
    await this.audit.record({
      action: 'follow_up_plan.imported',
      entityType: 'follow_up_plan',
      entityId: plan.id,
      facilityId: dto.facilityId,
      after: { title: plan.title, sections: sections.length, items, readAs },
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
    }));
    const title = `Opfølgning på tilsynsbesøg ${visit.plannedDate}`;
    const plan = await this.repo.createPlan(
      { facilityId: visit.facilityId, title, visitId, createdById: userId },
      [{ number: '1', title: VISIT_SECTION_TITLE, items }],
      await this.firstStatusId(),
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
    await this.access.read(user, item.facilityId, 'Anbefalingen');
    return itemView(item);
  }

  async item(user: AuthUser, itemId: string) {
    const item = await this.readableItem(user, itemId);
    return { ...item, history: await this.repo.history({ itemId }) };
  }

  /** A status report on one recommendation: current status, history entry and audit row commit together. */
  @Transactional()
  async reportStatus(user: AuthUser, itemId: string, dto: ReportStatusDto): Promise<ItemView> {
    const before = await this.readableItem(user, itemId);
    await this.access.reportStatus(user, before.facilityId, 'Anbefalingen');
    const item = await this.repo.lockItem(itemId);
    if (!item || item.version !== dto.version)
      throw new ConflictError('Anbefalingen er ændret af en anden', [], { current: before }, 'stale-version');
    const status = await this.repo.status(dto.statusId);
    if (!status?.active)
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'statusId', rule: 'activeStatus', message: 'vælg en status fra listen' },
      ]);
    const changedAt = now();
    const wasDone = before.done;
    Object.assign(item, {
      statusId: status.id,
      statusText: dto.text.trim(),
      statusChangedAt: changedAt,
      statusChangedById: user.id,
      doneSince: status.done ? (wasDone ? item.doneSince : changedAt) : null,
    });
    await this.repo.saveItem(item);
    await this.repo.addEntry({ itemId, statusId: status.id, text: dto.text.trim(), createdById: user.id });
    const after = await this.readableItem(user, itemId);
    await this.audit.record({
      action: 'follow_up_item.status_reported',
      entityType: 'follow_up_item',
      entityId: itemId,
      facilityId: before.facilityId,
      before: { status: before.statusLabel, text: before.statusText, version: before.version },
      after: { status: after.statusLabel, text: after.statusText, version: after.version },
    });
    return after;
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
      facilityId: before.facilityId,
      before: fields(before),
      after: fields(after),
    });
    return after;
  }

  /**
   * The status report's content: per section, each recommendation with status and status text,
   * leaving out those already shown once as met (includeInReport). Without `reportId`, the next
   * report as it stands now; with it, the report as issued.
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
    );
  }

  private nextReport(plan: PlanView, earlier: Date[], period: string | null): StatusReportData {
    let lastShownCount = 0;
    const sections = plan.sections
      .map((s) => ({
        number: s.number,
        title: s.title,
        anchor: `afsnit-${s.number.replace(/\W/g, '-')}`,
        items: s.items
          .filter((i) => includeInReport(i.doneSince && new Date(i.doneSince), earlier))
          .map((i) => {
            if (i.done) lastShownCount++;
            return {
              number: i.number,
              text: i.text,
              owner: i.owner,
              deadline: i.deadline,
              statusLabel: i.statusLabel,
              statusText: i.statusText,
              done: i.done,
            };
          }),
      }))
      .filter((s) => s.items.length);
    const label = period ? periodLabel(period) : 'Udkast';
    return {
      title: `Statusrapport ${label} · ${plan.facilityName}`,
      facilityName: plan.facilityName,
      planTitle: plan.title,
      period: period ?? '',
      periodLabel: label,
      generatedAt: now().toISOString(),
      sections,
      lastShownCount,
    };
  }

  /** Issues the half-yearly report: its content is kept as issued, and met recommendations in it are left out of later ones. */
  @Transactional()
  async issueReport(user: AuthUser, planId: string, period: string) {
    this.access.policy.assertRegionStaff(user);
    const plan = await this.plan(user, planId);
    const earlier = await this.repo.reports(planId);
    if (earlier.some((r) => r.period === period)) {
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: 'period',
          rule: 'unique',
          message: `der er allerede udsendt en statusrapport for ${periodLabel(period)}`,
        },
      ]);
    }
    const data = this.nextReport(
      plan,
      earlier.map((r) => r.issuedAt),
      period,
    );
    const report = await this.repo.saveReport({ planId, period, data, issuedById: user.id });
    await this.audit.record({
      action: 'follow_up_report.issued',
      entityType: 'follow_up_report',
      entityId: report.id,
      facilityId: plan.facilityId,
      after: { planId, period },
    });
    return { id: report.id, period, periodLabel: periodLabel(period), issuedAt: report.issuedAt };
  }

  async exportStatus(user: AuthUser, planId: string, format: 'csv' | 'xlsx') {
    const plan = await this.readablePlan(user, planId);
    return {
      fileName: `opfoelgning-${plan.id.slice(0, 8)}.${format}`,
      ...(await planStatusFile(await this.repo.items({ planId }), format)),
    };
  }
}
