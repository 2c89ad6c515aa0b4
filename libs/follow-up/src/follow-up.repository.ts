import { Injectable } from '@nestjs/common';
import { today } from '#libs/core';
import { TransactionHost } from '#libs/database';
import {
  DevelopmentActivityEntity,
  DevelopmentActivityEntryEntity,
  DevelopmentAgreementEntity,
} from './development-agreement.entity.js';
import { FollowUpEntryEntity, FollowUpItemEntity } from './follow-up-item.entity.js';
import { FollowUpPlanEntity, FollowUpSectionEntity, type StatusPart } from './follow-up-plan.entity.js';
import { FollowUpReportEntity } from './follow-up-report.entity.js';
import { FollowUpStatusEntity } from './follow-up-status.entity.js';

/** A recommendation as shown: its section and plan, its status label and who last reported on it. */
export interface ItemRow {
  id: string;
  planId: string;
  planTitle: string;
  /** The plan's facility; null for a plan owned by a unit of the organisation tree. */
  facilityId: string | null;
  /** The plan's owner's name: its facility's or its unit's. */
  facilityName: string;
  /** Whose leaders write its status: the item's, its heading's, else the plan's facility. */
  writerFacilityId: string | null;
  sectionId: string;
  sectionNumber: string;
  sectionTitle: string;
  number: string;
  text: string;
  owner: string;
  deadline: string | null;
  findingId: string | null;
  statusId: string;
  statusLabel: string;
  done: boolean;
  /** True when the item's section holds the status for all its recommendations. */
  statusOnSection: boolean;
  statusParts: StatusPart[] | null;
  statusText: string;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  doneSince: Date | null;
  version: number;
}

/** A heading of a plan as shown, with the status it holds for its recommendations, if any. */
export interface SectionRow {
  id: string;
  parentId: string | null;
  number: string;
  title: string;
  text: string;
  position: number;
  statusId: string | null;
  statusLabel: string | null;
  done: boolean;
  statusParts: StatusPart[] | null;
  statusText: string;
  statusChangedAt: Date | null;
  statusChangedBy: string | null;
  doneSince: Date | null;
  writerFacilityId: string | null;
  version: number;
}

export interface HistoryEntry {
  itemId: string | null;
  sectionId: string | null;
  statusLabel: string;
  parts: StatusPart[] | null;
  text: string;
  createdBy: string;
  createdAt: Date;
}

const ITEM_SELECT = `
  select i.id, p.id as "planId", p.title as "planTitle", p.facility_id as "facilityId",
         coalesce(f.name, ou.name) as "facilityName",
         coalesce(i.writer_facility_id, s.writer_facility_id, p.facility_id) as "writerFacilityId",
         s.id as "sectionId", s.number as "sectionNumber", s.title as "sectionTitle",
         i.number, i.text, i.owner, to_char(i.deadline, 'YYYY-MM-DD') as deadline, i.finding_id as "findingId",
         st.id as "statusId", st.label as "statusLabel", st.done, (i.status_id is null) as "statusOnSection",
         case when i.status_id is null then s.status_parts else i.status_parts end as "statusParts",
         case when i.status_id is null then s.status_text else i.status_text end as "statusText",
         case when i.status_id is null then s.status_changed_at else i.status_changed_at end as "statusChangedAt",
         u.name as "statusChangedBy",
         case when i.status_id is null then s.done_since else i.done_since end as "doneSince", i.version
    from follow_up_item i
    join follow_up_section s on s.id = i.section_id
    join follow_up_plan p on p.id = s.plan_id
    left join facility f on f.id = p.facility_id
    left join org_unit ou on ou.id = p.org_unit_id
    join follow_up_status st on st.id = coalesce(i.status_id, s.status_id)
    left join app_user u on u.id = case when i.status_id is null then s.status_changed_by_id else i.status_changed_by_id end`;
const ITEM_ORDER = `order by coalesce(f.name, ou.name), p.created_at, s.position, i.position`;

/** A status a file or form gives: one status, or one per target group. */
export interface NewStatus {
  statusId: string;
  parts: StatusPart[] | null;
  text: string;
}

/** A heading to write, at its depth (1 the top), with its recommendations. */
export interface NewSection {
  depth: number;
  number: string;
  title: string;
  text: string;
  status: NewStatus | null;
  writerFacilityId?: string | null;
  items: (Pick<FollowUpItemEntity, 'number' | 'text' | 'owner' | 'deadline' | 'findingId'> & {
    status: NewStatus | null;
    writerFacilityId?: string | null;
  })[];
}

@Injectable()
export class FollowUpRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get m() {
    return this.tx.tx;
  }

  statuses(): Promise<FollowUpStatusEntity[]> {
    return this.m.getRepository(FollowUpStatusEntity).find({ order: { position: 'ASC' } });
  }

  status(id: string): Promise<FollowUpStatusEntity | null> {
    return this.m.getRepository(FollowUpStatusEntity).findOneBy({ id });
  }

  saveStatus(s: Partial<FollowUpStatusEntity>): Promise<FollowUpStatusEntity> {
    return this.m.getRepository(FollowUpStatusEntity).save(s);
  }

  /** Plans owned by the given facilities or units ('all': every plan), with counts of open and overdue items. */
  plans(
    facilityIds: string[] | 'all',
    unitIds: string[] = [],
  ): Promise<
    {
      id: string;
      title: string;
      facilityId: string | null;
      orgUnitId: string | null;
      facilityName: string;
      items: number;
      open: number;
      overdue: number;
    }[]
  > {
    return this.m.query(
      `select p.id, p.title, p.facility_id as "facilityId", p.org_unit_id as "orgUnitId",
              coalesce(f.name, ou.name) as "facilityName",
              count(i.id)::int as items, count(i.id) filter (where not st.done)::int as open,
              count(i.id) filter (where not st.done and i.deadline < $2::date)::int as overdue
         from follow_up_plan p left join facility f on f.id = p.facility_id
         left join org_unit ou on ou.id = p.org_unit_id
         left join follow_up_section s on s.plan_id = p.id
         left join follow_up_item i on i.section_id = s.id
         left join follow_up_status st on st.id = coalesce(i.status_id, s.status_id)
        where $1::uuid[] is null or p.facility_id = any($1) or p.org_unit_id = any($3)
        group by p.id, f.id, ou.id order by coalesce(f.name, ou.name), p.created_at`,
      [facilityIds === 'all' ? null : facilityIds, today(), unitIds],
    );
  }

  /** Published visits with recommendations or orders that have no follow-up plan yet. */
  visitsWithoutPlan(
    facilityIds: string[] | 'all',
  ): Promise<{ id: string; plannedDate: string; facilityName: string; findings: number }[]> {
    return this.m.query(
      `select v.id, to_char(v.planned_date, 'YYYY-MM-DD') as "plannedDate", f.name as "facilityName", count(x.id)::int as findings
         from visit v join facility f on f.id = v.facility_id join finding x on x.visit_id = v.id and x.kind <> 'development_point'
        where v.status = 'published' and ($1::uuid[] is null or v.facility_id = any($1))
          and not exists (select 1 from follow_up_plan p where p.visit_id = v.id)
        group by v.id, f.name order by v.planned_date desc`,
      [facilityIds === 'all' ? null : facilityIds],
    );
  }

  plan(id: string): Promise<FollowUpPlanEntity | null> {
    return this.m.getRepository(FollowUpPlanEntity).findOneBy({ id });
  }

  /** Holds the visit's plan slot to the end of the transaction, so two requests make one plan between them. */
  async lockPlanOfVisit(visitId: string): Promise<FollowUpPlanEntity | null> {
    await this.m.query(`select pg_advisory_xact_lock(hashtextextended('follow_up_plan.visit:' || $1, 0))`, [visitId]);
    return this.planOfVisit(visitId);
  }

  planOfVisit(visitId: string): Promise<FollowUpPlanEntity | null> {
    return this.m.getRepository(FollowUpPlanEntity).findOneBy({ visitId });
  }

  /**
   * Writes a plan with its headings in reading order (each under the nearest heading above it one
   * level up) and their recommendations. A heading with a status holds it for its recommendations;
   * any other recommendation gets its own status, the file's or `statusId`. Statuses given by the
   * file are recorded as history entries by `userId`.
   */
  async createPlan(
    plan: Pick<FollowUpPlanEntity, 'facilityId' | 'title' | 'visitId' | 'createdById'> &
      Partial<Pick<FollowUpPlanEntity, 'orgUnitId'>>,
    sections: NewSection[],
    statusId: string,
    done: (statusId: string) => boolean,
  ): Promise<FollowUpPlanEntity> {
    const saved = await this.m.getRepository(FollowUpPlanEntity).save(plan);
    const stack: string[] = [];
    const at = new Date();
    const statusFields = (st: NewStatus | null) =>
      st
        ? {
            statusId: st.statusId,
            statusParts: st.parts,
            statusText: st.text,
            statusChangedAt: at,
            statusChangedById: plan.createdById,
            doneSince: done(st.statusId) ? at : null,
          }
        : {};
    const entries: Pick<FollowUpEntryEntity, 'itemId' | 'sectionId' | 'statusId' | 'parts' | 'text' | 'createdById'>[] =
      [];
    for (const [position, s] of sections.entries()) {
      stack.length = s.depth - 1;
      const section = await this.m.getRepository(FollowUpSectionEntity).save({
        planId: saved.id,
        parentId: stack.at(-1) ?? null,
        number: s.number,
        title: s.title,
        text: s.text,
        position,
        writerFacilityId: s.writerFacilityId ?? null,
        ...statusFields(s.status),
      });
      stack.push(section.id);
      if (s.status)
        entries.push({
          itemId: null,
          sectionId: section.id,
          statusId: s.status.statusId,
          parts: s.status.parts,
          text: s.status.text,
          createdById: plan.createdById,
        });
      if (!s.items.length) continue;
      const result = await this.m.getRepository(FollowUpItemEntity).insert(
        s.items.map((item, i) => ({
          number: item.number,
          text: item.text,
          owner: item.owner,
          deadline: item.deadline,
          findingId: item.findingId,
          writerFacilityId: item.writerFacilityId ?? null,
          sectionId: section.id,
          position: i,
          statusId: s.status ? null : statusId,
          ...statusFields(item.status),
        })),
      );
      s.items.forEach((item, i) => {
        if (item.status)
          entries.push({
            itemId: result.identifiers[i].id,
            sectionId: null,
            statusId: item.status.statusId,
            parts: item.status.parts,
            text: item.status.text,
            createdById: plan.createdById,
          });
      });
    }
    if (entries.length) await this.m.getRepository(FollowUpEntryEntity).insert(entries);
    return saved;
  }

  /** A plan's headings in reading order, with the status each holds, if any. */
  sections(planId: string): Promise<SectionRow[]> {
    return this.m.query(
      `select s.id, s.parent_id as "parentId", s.number, s.title, s.text, s.position,
              st.id as "statusId", st.label as "statusLabel", coalesce(st.done, false) as done,
              s.status_parts as "statusParts", s.status_text as "statusText", s.status_changed_at as "statusChangedAt",
              u.name as "statusChangedBy", s.done_since as "doneSince",
              s.writer_facility_id as "writerFacilityId", s.version
         from follow_up_section s
         left join follow_up_status st on st.id = s.status_id
         left join app_user u on u.id = s.status_changed_by_id
        where s.plan_id = $1 order by s.position`,
      [planId],
    );
  }

  section(id: string): Promise<FollowUpSectionEntity | null> {
    return this.m.getRepository(FollowUpSectionEntity).findOneBy({ id });
  }

  lockSection(id: string): Promise<FollowUpSectionEntity | null> {
    return this.m.getRepository(FollowUpSectionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveSection(section: FollowUpSectionEntity): Promise<FollowUpSectionEntity> {
    return this.m.getRepository(FollowUpSectionEntity).save(section);
  }

  items(where: { planId?: string; itemId?: string; overdueIn?: string[] | 'all' }): Promise<ItemRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (where.planId) conditions.push(`p.id = $${params.push(where.planId)}`);
    if (where.itemId) conditions.push(`i.id = $${params.push(where.itemId)}`);
    if (where.overdueIn) {
      conditions.push(`not st.done and i.deadline < $${params.push(today())}::date`);
      if (where.overdueIn !== 'all')
        conditions.push(
          `coalesce(i.writer_facility_id, s.writer_facility_id, p.facility_id) = any($${params.push(where.overdueIn)})`,
        );
    }
    return this.m.query(
      `${ITEM_SELECT} where ${conditions.join(' and ') || 'true'} ${where.overdueIn ? 'order by i.deadline, coalesce(f.name, ou.name), s.position, i.position' : ITEM_ORDER}`,
      params,
    );
  }

  lockItem(id: string): Promise<FollowUpItemEntity | null> {
    return this.m.getRepository(FollowUpItemEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveItem(item: FollowUpItemEntity): Promise<FollowUpItemEntity> {
    return this.m.getRepository(FollowUpItemEntity).save(item);
  }

  async addEntry(
    e: Pick<FollowUpEntryEntity, 'itemId' | 'sectionId' | 'statusId' | 'parts' | 'text' | 'createdById'>,
  ): Promise<void> {
    await this.m.getRepository(FollowUpEntryEntity).insert(e);
  }

  /** Status reports, newest first, of one recommendation or section, or of every one in a plan. */
  history(where: { itemId: string } | { sectionId: string } | { planId: string }): Promise<HistoryEntry[]> {
    const [column, id] =
      'itemId' in where
        ? ['e.item_id', where.itemId]
        : 'sectionId' in where
          ? ['e.section_id', where.sectionId]
          : ['s.plan_id', where.planId];
    return this.m.query(
      `select e.item_id as "itemId", e.section_id as "sectionId", st.label as "statusLabel", e.parts, e.text,
              u.name as "createdBy", e.created_at as "createdAt"
         from follow_up_entry e join follow_up_status st on st.id = e.status_id join app_user u on u.id = e.created_by_id
         left join follow_up_item i on i.id = e.item_id
         join follow_up_section s on s.id = coalesce(e.section_id, i.section_id)
        where ${column} = $1 order by e.created_at desc, e.id`,
      [id],
    );
  }

  reports(planId: string): Promise<FollowUpReportEntity[]> {
    return this.m.getRepository(FollowUpReportEntity).find({ where: { planId }, order: { issuedAt: 'ASC' } });
  }

  report(id: string): Promise<FollowUpReportEntity | null> {
    return this.m.getRepository(FollowUpReportEntity).findOneBy({ id });
  }

  saveReport(
    r: Pick<FollowUpReportEntity, 'planId' | 'period' | 'data' | 'issuedById'>,
  ): Promise<FollowUpReportEntity> {
    return this.m.getRepository(FollowUpReportEntity).save(r);
  }

  /** Agreements owned by the given facilities or units ('all': every agreement). */
  agreements(
    facilityIds: string[] | 'all',
    unitIds: string[] = [],
  ): Promise<
    {
      id: string;
      year: number;
      name: string;
      facilityId: string | null;
      orgUnitId: string | null;
      facilityName: string;
      activities: number;
    }[]
  > {
    return this.m.query(
      `select a.id, a.year, a.name, a.facility_id as "facilityId", a.org_unit_id as "orgUnitId",
              coalesce(f.name, ou.name) as "facilityName", count(x.id)::int as activities
         from development_agreement a left join facility f on f.id = a.facility_id
         left join org_unit ou on ou.id = a.org_unit_id
         left join development_activity x on x.agreement_id = a.id
        where $1::uuid[] is null or a.facility_id = any($1) or a.org_unit_id = any($2)
        group by a.id, f.id, ou.id order by a.year desc, coalesce(f.name, ou.name), a.name`,
      [facilityIds === 'all' ? null : facilityIds, unitIds],
    );
  }

  agreement(id: string): Promise<DevelopmentAgreementEntity | null> {
    return this.m.getRepository(DevelopmentAgreementEntity).findOneBy({ id });
  }

  /** Whether the owner already has an agreement of that year and name. */
  async agreementExists(owner: { facilityId: string | null; orgUnitId: string | null }, year: number, name: string) {
    const rows = await this.m.query(
      `select 1 from development_agreement where year = $1 and name = $2
          and (facility_id = $3 or org_unit_id = $4) limit 1`,
      [year, name, owner.facilityId, owner.orgUnitId],
    );
    return rows.length > 0;
  }

  async createAgreement(
    a: Pick<DevelopmentAgreementEntity, 'facilityId' | 'orgUnitId' | 'name' | 'year' | 'createdById'>,
    activities: Partial<DevelopmentActivityEntity>[],
  ): Promise<DevelopmentAgreementEntity> {
    const saved = await this.m.getRepository(DevelopmentAgreementEntity).save(a);
    await this.m
      .getRepository(DevelopmentActivityEntity)
      .insert(activities.map((x, position) => ({ ...x, agreementId: saved.id, position })));
    return saved;
  }

  activities(agreementId: string): Promise<DevelopmentActivityEntity[]> {
    return this.m.getRepository(DevelopmentActivityEntity).find({ where: { agreementId }, order: { position: 'ASC' } });
  }

  activityHistory(
    agreementId: string,
  ): Promise<
    { activityId: string; statusCategory: string | null; text: string; createdBy: string; createdAt: Date }[]
  > {
    return this.m.query(
      `select e.activity_id as "activityId", e.status_category as "statusCategory", e.text, u.name as "createdBy",
              e.created_at as "createdAt"
         from development_activity_entry e join development_activity x on x.id = e.activity_id
         join app_user u on u.id = e.created_by_id
        where x.agreement_id = $1 order by e.created_at desc, e.id`,
      [agreementId],
    );
  }

  async addActivityEntry(
    e: Pick<DevelopmentActivityEntryEntity, 'activityId' | 'statusCategory' | 'text' | 'createdById'>,
  ): Promise<void> {
    await this.m.getRepository(DevelopmentActivityEntryEntity).insert(e);
  }

  async insertActivity(a: Partial<DevelopmentActivityEntity>): Promise<DevelopmentActivityEntity> {
    return this.m.getRepository(DevelopmentActivityEntity).save(a);
  }

  async removeActivity(id: string): Promise<void> {
    await this.m.getRepository(DevelopmentActivityEntity).delete({ id });
  }

  /** Renumbers an agreement's activities 0, 1, 2 … in the given order. */
  async orderActivities(agreementId: string, ids: string[]): Promise<void> {
    await this.m.query(
      `update development_activity x set position = o.n - 1
         from unnest($2::uuid[]) with ordinality as o(id, n) where x.id = o.id and x.agreement_id = $1`,
      [agreementId, ids],
    );
  }

  lockActivity(id: string): Promise<DevelopmentActivityEntity | null> {
    return this.m
      .getRepository(DevelopmentActivityEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveActivity(a: DevelopmentActivityEntity): Promise<DevelopmentActivityEntity> {
    return this.m.getRepository(DevelopmentActivityEntity).save(a);
  }

  /** The name of a plan's owner: its facility or its unit of the organisation tree. */
  ownerName(plan: { facilityId: string | null; orgUnitId: string | null }): Promise<string | undefined> {
    return this.m
      .query(
        `select coalesce((select name from facility where id = $1), (select name from org_unit where id = $2)) as name`,
        [plan.facilityId, plan.orgUnitId],
      )
      .then((rows: { name: string | null }[]) => rows[0]?.name ?? undefined);
  }

  facilityName(id: string): Promise<string | undefined> {
    return this.m
      .query(`select name from facility where id = $1`, [id])
      .then((rows: { name: string }[]) => rows[0]?.name);
  }
}
