import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { OrgTreeService } from '#libs/facilities';
import { readAgreementFile } from './agreement-file.js';
import type { ActivityCategory, DevelopmentActivityEntity } from './development-agreement.entity.js';
import type { ActivityDto, ActivityStatusDto, CreateAgreementDto, EditActivityDto } from './follow-up.dto.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { FollowUpAccess } from './follow-up-access.js';

export interface ActivityView {
  id: string;
  number: string;
  activity: string;
  statusCategory: ActivityCategory | null;
  /** "Status: realiseret." when a category is set. */
  statusSentence: string;
  statusText: string;
  version: number;
  position: number;
  groupTitle: string;
  groupNumber: string;
  themeNumber: string;
  theme: string;
  goalNumber: string;
  goal: string;
  history: { statusCategory: string | null; text: string; createdBy: string; createdAt: Date }[];
}

export interface AgreementView {
  id: string;
  facilityId: string | null;
  orgUnitId: string | null;
  facilityName: string;
  name: string;
  year: number;
  /** Themes in order; `group` is set on the first theme of each group above theme. */
  themes: {
    theme: string;
    themeNumber: string;
    anchor: string;
    group: { title: string; number: string } | null;
    goals: { goal: string; goalNumber: string; activities: ActivityView[] }[];
  }[];
  activities: ActivityView[];
}

/** Groups the agreement's ordered activities into (group →) theme → goal → activities, keeping first-seen order. */
function themesOf(activities: ActivityView[]): AgreementView['themes'] {
  const themes: AgreementView['themes'] = [];
  let lastGroup: string | null = null;
  for (const a of activities) {
    let theme = themes.at(-1);
    if (!theme || theme.theme !== a.theme || lastGroup !== a.groupTitle) {
      const group = a.groupTitle && a.groupTitle !== lastGroup ? { title: a.groupTitle, number: a.groupNumber } : null;
      theme = { theme: a.theme, themeNumber: a.themeNumber, anchor: `tema-${themes.length + 1}`, group, goals: [] };
      themes.push(theme);
      lastGroup = a.groupTitle;
    }
    let goal = theme.goals.at(-1);
    if (!goal || goal.goal !== a.goal) {
      goal = { goal: a.goal, goalNumber: a.goalNumber, activities: [] };
      theme.goals.push(goal);
    }
    goal.activities.push(a);
  }
  return themes;
}

const rowOf = (a: ActivityDto) => ({
  groupTitle: a.groupTitle?.trim() ?? '',
  groupNumber: a.groupNumber?.trim() ?? '',
  themeNumber: a.themeNumber?.trim() ?? '',
  theme: a.theme.trim(),
  goalNumber: a.goalNumber?.trim() ?? '',
  goal: a.goal.trim(),
  number: a.number?.trim() ?? '',
  activity: a.activity.trim(),
});
const ROW_FIELDS = [
  'groupTitle',
  'groupNumber',
  'themeNumber',
  'theme',
  'goalNumber',
  'goal',
  'number',
  'activity',
] as const;
const rowFields = (a: DevelopmentActivityEntity) => Object.fromEntries(ROW_FIELDS.map((k) => [k, a[k]]));

/**
 * Development agreements (udviklingsaftaler): per owner (a facility or a unit of the organisation
 * tree), year and name; (group →) theme → goal → activity rows with their own numbering, added,
 * changed, moved and removed after creation; each activity's status category and text with history.
 */
@Injectable()
export class DevelopmentAgreementsService {
  constructor(
    private readonly repo: FollowUpRepository,
    private readonly access: FollowUpAccess,
    private readonly audit: AuditService,
    private readonly tree: OrgTreeService,
  ) {}

  async list(user: AuthUser) {
    const units = await this.access.readableUnits(user);
    return this.repo.agreements(await this.access.policy.readableFacilities(user), units === 'all' ? [] : units);
  }

  @Transactional()
  async create(user: AuthUser, dto: CreateAgreementDto) {
    this.access.policy.assertRegionStaff(user);
    const owner = await this.owner(dto);
    const name = dto.name?.trim() ?? '';
    if (await this.repo.agreementExists(owner, dto.year, name)) {
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: name ? 'name' : 'year',
          rule: 'unique',
          message: name
            ? `der er allerede en udviklingsaftale for ${dto.year} med navnet »${name}«`
            : `der er allerede en udviklingsaftale for ${dto.year}; giv den nye et navn`,
        },
      ]);
    }
    const activities = dto.activities.map(rowOf);
    const saved = await this.repo.createAgreement({ ...owner, name, year: dto.year, createdById: user.id }, activities);
    await this.audit.record({
      action: 'development_agreement.created',
      entityType: 'development_agreement',
      entityId: saved.id,
      facilityId: owner.facilityId ?? undefined,
      after: { ...owner, name, year: dto.year, activities },
    });
    return this.get(user, saved.id);
  }

  private async owner(dto: { facilityId?: string; orgUnitId?: string }) {
    if (!!dto.facilityId === !!dto.orgUnitId)
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: dto.facilityId ? 'orgUnitId' : 'facilityId',
          rule: 'oneOwner',
          message: 'vælg enten et tilbud eller en enhed i organisationen, der ejer aftalen',
        },
      ]);
    if (dto.orgUnitId && !(await this.tree.unit(dto.orgUnitId)))
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'orgUnitId', rule: 'exists', message: 'enheden findes ikke' },
      ]);
    if (dto.facilityId && !(await this.repo.facilityName(dto.facilityId)))
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'facilityId', rule: 'exists', message: 'tilbuddet findes ikke' },
      ]);
    return { facilityId: dto.facilityId ?? null, orgUnitId: dto.orgUnitId ?? null };
  }

  /** An agreement from a file (tema;mål;aktivitet and optional columns): every row or none, every error with its row and column. */
  @Transactional()
  async importAgreement(
    user: AuthUser,
    target: { facilityId?: string; orgUnitId?: string; year: number; name?: string },
    data: Buffer,
    format: 'csv' | 'xlsx',
  ) {
    this.access.policy.assertRegionStaff(user);
    const { activities, errors, readAs } = await readAgreementFile(data, format);
    if (errors.length)
      throw new InvalidInputError(
        `Filen blev ikke importeret: ${errors.length} fejl`,
        errors,
        {},
        'follow-up-import-rejected',
      );
    return { ...(await this.create(user, { ...target, activities })), readAs };
  }

  private async readable(user: AuthUser, id: string, what = 'Udviklingsaftalen') {
    const a = await this.repo.agreement(id);
    if (!a) throw new NotFoundError(`${what} findes ikke`);
    await this.access.readPlan(user, a, what);
    return a;
  }

  async get(user: AuthUser, id: string): Promise<AgreementView> {
    const a = await this.readable(user, id);
    const history = await this.repo.activityHistory(id);
    const activities: ActivityView[] = (await this.repo.activities(id)).map((x) => ({
      id: x.id,
      number: x.number,
      activity: x.activity,
      statusCategory: x.statusCategory,
      statusSentence: x.statusCategory ? `Status: ${x.statusCategory}.` : '',
      statusText: x.statusText,
      version: x.version,
      position: x.position,
      groupTitle: x.groupTitle,
      groupNumber: x.groupNumber,
      themeNumber: x.themeNumber,
      theme: x.theme,
      goalNumber: x.goalNumber,
      goal: x.goal,
      history: history.filter((h) => h.activityId === x.id).map(({ activityId: _, ...h }) => h),
    }));
    return {
      id,
      facilityId: a.facilityId,
      orgUnitId: a.orgUnitId,
      facilityName: (await this.repo.ownerName(a)) ?? '',
      name: a.name,
      year: a.year,
      themes: themesOf(activities),
      activities,
    };
  }

  /** A row added to an agreement after creation, after `afterId` (or at the end). */
  @Transactional()
  async addActivity(user: AuthUser, agreementId: string, dto: ActivityDto, afterId?: string) {
    this.access.policy.assertRegionStaff(user);
    const a = await this.readable(user, agreementId);
    const rows = await this.repo.activities(agreementId);
    const at = afterId ? rows.findIndex((r) => r.id === afterId) + 1 : rows.length;
    const saved = await this.repo.insertActivity({ ...rowOf(dto), agreementId, position: rows.length });
    const order = rows.map((r) => r.id);
    order.splice(at || rows.length, 0, saved.id);
    await this.repo.orderActivities(agreementId, order);
    await this.audit.record({
      action: 'development_activity.added',
      entityType: 'development_activity',
      entityId: saved.id,
      facilityId: a.facilityId ?? undefined,
      after: { agreementId, position: order.indexOf(saved.id), ...rowOf(dto) },
    });
    return this.get(user, agreementId);
  }

  private async lockedRow(user: AuthUser, activityId: string) {
    const activity = await this.repo.lockActivity(activityId);
    if (!activity) throw new NotFoundError('Aktiviteten findes ikke');
    const agreement = await this.readable(user, activity.agreementId, 'Aktiviteten');
    return { activity, agreement };
  }

  @Transactional()
  async editActivity(user: AuthUser, activityId: string, dto: EditActivityDto) {
    this.access.policy.assertRegionStaff(user);
    const { activity, agreement } = await this.lockedRow(user, activityId);
    if (activity.version !== dto.version)
      throw new ConflictError(
        'Aktiviteten er ændret af en anden',
        [],
        { current: { id: activity.id, ...rowFields(activity), version: activity.version } },
        'stale-version',
      );
    const before = rowFields(activity);
    Object.assign(activity, rowOf(dto));
    const saved = await this.repo.saveActivity(activity);
    await this.audit.record({
      action: 'development_activity.edited',
      entityType: 'development_activity',
      entityId: activityId,
      facilityId: agreement.facilityId ?? undefined,
      before,
      after: rowFields(saved),
    });
    return { id: saved.id, ...rowFields(saved), version: saved.version };
  }

  @Transactional()
  async moveActivity(user: AuthUser, activityId: string, direction: 'up' | 'down') {
    this.access.policy.assertRegionStaff(user);
    const { activity, agreement } = await this.lockedRow(user, activityId);
    const order = (await this.repo.activities(agreement.id)).map((r) => r.id);
    const from = order.indexOf(activityId);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= order.length)
      throw new InvalidInputError('Ret de markerede felter', [
        {
          field: 'direction',
          rule: 'inRange',
          message: `aktiviteten står allerede ${direction === 'up' ? 'først' : 'sidst'}`,
        },
      ]);
    [order[from], order[to]] = [order[to], order[from]];
    await this.repo.orderActivities(agreement.id, order);
    await this.audit.record({
      action: 'development_activity.moved',
      entityType: 'development_activity',
      entityId: activityId,
      facilityId: agreement.facilityId ?? undefined,
      before: { position: from },
      after: { position: to, activity: activity.activity },
    });
    return this.get(user, agreement.id);
  }

  @Transactional()
  async removeActivity(user: AuthUser, activityId: string) {
    this.access.policy.assertRegionStaff(user);
    const { activity, agreement } = await this.lockedRow(user, activityId);
    await this.repo.removeActivity(activityId);
    await this.repo.orderActivities(
      agreement.id,
      (await this.repo.activities(agreement.id)).map((r) => r.id),
    );
    await this.audit.record({
      action: 'development_activity.removed',
      entityType: 'development_activity',
      entityId: activityId,
      facilityId: agreement.facilityId ?? undefined,
      before: { ...rowFields(activity), statusCategory: activity.statusCategory, statusText: activity.statusText },
    });
    return this.get(user, agreement.id);
  }

  @Transactional()
  async reportStatus(user: AuthUser, activityId: string, dto: ActivityStatusDto) {
    const { activity, agreement } = await this.lockedRow(user, activityId);
    if (agreement.facilityId) await this.access.reportStatus(user, agreement.facilityId, 'Aktiviteten');
    else this.access.policy.assertRegionStaff(user);
    const current = {
      id: activity.id,
      activity: activity.activity,
      statusCategory: activity.statusCategory,
      statusText: activity.statusText,
      version: activity.version,
    };
    if (activity.version !== dto.version)
      throw new ConflictError('Aktiviteten er ændret af en anden', [], { current }, 'stale-version');
    activity.statusText = dto.statusText.trim();
    activity.statusCategory = dto.statusCategory ?? null;
    const saved = await this.repo.saveActivity(activity);
    await this.repo.addActivityEntry({
      activityId,
      statusCategory: saved.statusCategory,
      text: saved.statusText,
      createdById: user.id,
    });
    const after = {
      id: saved.id,
      activity: saved.activity,
      statusCategory: saved.statusCategory,
      statusText: saved.statusText,
      version: saved.version,
    };
    await this.audit.record({
      action: 'development_activity.status_reported',
      entityType: 'development_activity',
      entityId: activityId,
      facilityId: agreement.facilityId ?? undefined,
      before: current,
      after,
    });
    return after;
  }
}
