import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser } from '#libs/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '#libs/core';
import { Transactional } from '#libs/database';
import { readAgreementFile } from './agreement-file.js';
import type { DevelopmentActivityEntity } from './development-agreement.entity.js';
import type { ActivityStatusDto, CreateAgreementDto } from './follow-up.dto.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { FollowUpAccess } from './follow-up-access.js';

export interface AgreementView {
  id: string;
  facilityId: string;
  facilityName: string;
  year: number;
  themes: {
    theme: string;
    anchor: string;
    goals: { goal: string; activities: { id: string; activity: string; statusText: string; version: number }[] }[];
  }[];
}

/** Groups the agreement's ordered activities into theme → goal → activities, keeping first-seen order. */
function themesOf(activities: DevelopmentActivityEntity[]): AgreementView['themes'] {
  const themes: AgreementView['themes'] = [];
  for (const a of activities) {
    let theme = themes.find((t) => t.theme === a.theme);
    if (!theme) {
      theme = { theme: a.theme, anchor: `tema-${themes.length + 1}`, goals: [] };
      themes.push(theme);
    }
    let goal = theme.goals.find((g) => g.goal === a.goal);
    if (!goal) {
      goal = { goal: a.goal, activities: [] };
      theme.goals.push(goal);
    }
    goal.activities.push({ id: a.id, activity: a.activity, statusText: a.statusText, version: a.version });
  }
  return themes;
}

/** Development agreements (udviklingsaftaler): per facility and year, themes with goals and activities, each with a status text. */
@Injectable()
export class DevelopmentAgreementsService {
  constructor(
    private readonly repo: FollowUpRepository,
    private readonly access: FollowUpAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser) {
    return this.repo.agreements(await this.access.policy.readableFacilities(user));
  }

  @Transactional()
  async create(user: AuthUser, dto: CreateAgreementDto) {
    await this.access.policy.assertFacility(user, dto.facilityId, 'manage');
    if ((await this.repo.agreements([dto.facilityId])).some((a) => a.year === dto.year)) {
      throw new InvalidInputError('Ret de markerede felter', [
        { field: 'year', rule: 'unique', message: `tilbuddet har allerede en udviklingsaftale for ${dto.year}` },
      ]);
    }
    const activities = dto.activities.map((a) => ({
      theme: a.theme.trim(),
      goal: a.goal.trim(),
      activity: a.activity.trim(),
    }));
    const saved = await this.repo.createAgreement(
      { facilityId: dto.facilityId, year: dto.year, createdById: user.id },
      activities,
    );
    await this.audit.record({
      action: 'development_agreement.created',
      entityType: 'development_agreement',
      entityId: saved.id,
      facilityId: dto.facilityId,
      after: { year: dto.year, activities },
    });
    return this.get(user, saved.id);
  }

  /** An agreement from a file (tema;mål;aktivitet): every row or none, every error with its row and column. */
  @Transactional()
  async importAgreement(
    user: AuthUser,
    target: { facilityId: string; year: number },
    data: Buffer,
    format: 'csv' | 'xlsx',
  ) {
    await this.access.policy.assertFacility(user, target.facilityId, 'manage');
    const { activities, errors, readAs } = await readAgreementFile(data, format);
    if (errors.length) throw new InvalidInputError(`Filen blev ikke importeret: ${errors.length} fejl`, errors);
    return { ...(await this.create(user, { ...target, activities })), readAs };
  }

  async get(user: AuthUser, id: string): Promise<AgreementView> {
    const a = await this.repo.agreement(id);
    if (!a) throw new NotFoundError('Udviklingsaftalen findes ikke');
    await this.access.read(user, a.facilityId, 'Udviklingsaftalen');
    return {
      id,
      facilityId: a.facilityId,
      facilityName: (await this.repo.facilityName(a.facilityId)) ?? '',
      year: a.year,
      themes: themesOf(await this.repo.activities(id)),
    };
  }

  @Transactional()
  async reportStatus(user: AuthUser, activityId: string, dto: ActivityStatusDto) {
    const activity = await this.repo.lockActivity(activityId);
    const agreement = activity && (await this.repo.agreement(activity.agreementId));
    if (!activity || !agreement) throw new NotFoundError('Aktiviteten findes ikke');
    await this.access.reportStatus(user, agreement.facilityId, 'Aktiviteten');
    const current = {
      id: activity.id,
      activity: activity.activity,
      statusText: activity.statusText,
      version: activity.version,
    };
    if (activity.version !== dto.version)
      throw new ConflictError('Aktiviteten er ændret af en anden', [], { current }, 'stale-version');
    activity.statusText = dto.statusText.trim();
    const saved = await this.repo.saveActivity(activity);
    const after = { id: saved.id, activity: saved.activity, statusText: saved.statusText, version: saved.version };
    await this.audit.record({
      action: 'development_activity.status_reported',
      entityType: 'development_activity',
      entityId: activityId,
      facilityId: agreement.facilityId,
      before: current,
      after,
    });
    return after;
  }
}
