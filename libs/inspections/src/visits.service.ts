import { Injectable } from '@nestjs/common';
import { AuditService, type AuthUser, PolicyService, Role, type VisitAction } from '#libs/auth';
import { ConflictError, type FieldError, InvalidInputError, NotFoundError, now } from '#libs/core';
import { Transactional } from '#libs/database';
import { FacilitiesRepository, FacilityEvents } from '#libs/facilities';
import { InspectionsRepository, type VisitSummary } from './inspections.repository.js';
import type { PlanVisitDto, TransitionDto, VisitFilterDto } from './visit.dto.js';
import type { VisitEntity } from './visit.entity.js';
import { type VisitView, visitFacts } from './visit.views.js';
import { EDITABLE_STATUSES, type VisitStatus } from './vocabulary.js';

/** Workflow steps: which statuses they start from, where they lead, and who may take them. */
const TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted', action: 'edit', audit: 'visit.submitted' },
  approve: { from: ['submitted'], to: 'approved', action: 'approve', audit: 'visit.approved' },
  return: { from: ['submitted', 'approved'], to: 'returned', action: 'approve', audit: 'visit.returned' },
  publish: { from: ['approved'], to: 'published', action: 'publish', audit: 'visit.published' },
  cancel: { from: ['draft', 'returned'], to: 'cancelled', action: 'edit', audit: 'visit.cancelled' },
} as const satisfies Record<string, { from: VisitStatus[]; to: VisitStatus; action: VisitAction; audit: string }>;
export type Transition = keyof typeof TRANSITIONS;

@Injectable()
export class VisitsService {
  constructor(
    private readonly repo: InspectionsRepository,
    private readonly facilities: FacilitiesRepository,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
    private readonly events: FacilityEvents,
  ) {}

  /** Loads a visit the user may act on as `action`; locked for the rest of the transaction when writing. */
  async load(user: AuthUser, id: string, action: VisitAction): Promise<{ visit: VisitEntity; inspectorIds: string[] }> {
    const visit = await this.repo.visit(id, action !== 'read');
    if (!visit) throw new NotFoundError('Besøget findes ikke');
    const inspectorIds = await this.repo.inspectorIds(id);
    await this.policy.assertVisit(user, visitFacts(visit, inspectorIds), action);
    return { visit, inspectorIds };
  }

  async view(visit: VisitEntity, inspectorIds: string[]): Promise<VisitView> {
    // Sequential: inside a transaction all queries share one connection.
    const facility = await this.facilities.get(visit.facilityId);
    const model = await this.repo.versionOf(visit.modelVersionId);
    const inspectors = await this.repo.users(inspectorIds);
    return {
      id: visit.id,
      facility: { id: visit.facilityId, name: facility!.name },
      kind: visit.kind,
      plannedDate: visit.plannedDate,
      status: visit.status,
      method: visit.method,
      returnComment: visit.returnComment,
      model,
      inspectors: inspectors.map(({ id, name }) => ({ id, name })),
      submittedById: visit.submittedById,
      submittedAt: visit.submittedAt,
      approvedById: visit.approvedById,
      approvedAt: visit.approvedAt,
      publishedAt: visit.publishedAt,
      version: visit.version,
    };
  }

  async get(user: AuthUser, id: string): Promise<VisitView> {
    const { visit, inspectorIds } = await this.load(user, id, 'read');
    return this.view(visit, inspectorIds);
  }

  /** Visits the user may see: region staff all, inspectors theirs, leaders their facilities' published ones. */
  async list(user: AuthUser, filter: VisitFilterDto = {}): Promise<VisitSummary[]> {
    const statuses = filter.status ? [filter.status] : undefined;
    if (user.role === Role.RegionStaff) return this.repo.list({ statuses, facilityId: filter.facilityId });
    if (user.role === Role.Inspector)
      return this.repo.list({ inspectorId: user.id, statuses, facilityId: filter.facilityId });
    const own = await this.policy.readableFacilities(user);
    return this.repo.list({
      facilityIds: own === 'all' ? undefined : own,
      statuses: ['published'],
      facilityId: filter.facilityId,
    });
  }

  @Transactional()
  async plan(user: AuthUser, dto: PlanVisitDto): Promise<VisitView> {
    if (user.role === Role.FacilityLeader) throw new NotFoundError('Siden findes ikke');
    const errors: FieldError[] = [];
    const facility = await this.facilities.get(dto.facilityId);
    if (!facility) errors.push({ field: 'facilityId', rule: 'exists', message: 'tilbuddet findes ikke' });
    if (!(await this.repo.publishedVersion(dto.modelVersionId))) {
      errors.push({
        field: 'modelVersionId',
        rule: 'published',
        message: 'vælg en udgivet version af kvalitetsmodellen',
      });
    }
    const inspectors = await this.repo.users(dto.inspectorIds);
    if (inspectors.length !== new Set(dto.inspectorIds).size || inspectors.some((u) => u.role !== Role.Inspector)) {
      errors.push({ field: 'inspectorIds', rule: 'isInspector', message: 'vælg kun aktive tilsynskonsulenter' });
    }
    if (user.role === Role.Inspector && !dto.inspectorIds.includes(user.id)) {
      errors.push({
        field: 'inspectorIds',
        rule: 'includesSelf',
        message: 'en tilsynskonsulent planlægger kun besøg, hvor de selv deltager',
      });
    }
    if (errors.length) throw new InvalidInputError('Besøget kunne ikke planlægges', errors);
    const visit = await this.repo.createVisit({
      facilityId: dto.facilityId,
      modelVersionId: dto.modelVersionId,
      kind: dto.kind,
      plannedDate: dto.plannedDate,
      method: dto.method ?? '',
      createdById: user.id,
    });
    await this.repo.setInspectors(visit.id, [...new Set(dto.inspectorIds)]);
    const view = await this.view(visit, dto.inspectorIds);
    await this.audit.record({
      action: 'visit.planned',
      entityType: 'visit',
      entityId: visit.id,
      facilityId: visit.facilityId,
      after: view,
    });
    return view;
  }

  /** Refuses a write based on a stale visit version, returning the current one. */
  async assertVersion(visit: VisitEntity, inspectorIds: string[], expected: number): Promise<void> {
    if (visit.version !== expected) {
      throw new ConflictError(`Besøget er ændret af en anden (version ${visit.version}, du sendte ${expected})`, [], {
        current: await this.view(visit, inspectorIds),
      });
    }
  }

  /** Moves a visit through draft → submitted → approved → published (or back, or cancelled). */
  @Transactional()
  async transition(
    user: AuthUser,
    id: string,
    step: Transition,
    dto: TransitionDto,
    missing?: () => Promise<string[]>,
  ): Promise<VisitView> {
    const rule = TRANSITIONS[step];
    const { visit, inspectorIds } = await this.load(user, id, rule.action);
    await this.assertVersion(visit, inspectorIds, dto.version);
    if (!(rule.from as readonly string[]).includes(visit.status)) {
      throw new ConflictError(`Besøget kan ikke ${STEP_LABELS[step]}, når det har status "${visit.status}"`, [], {
        current: await this.view(visit, inspectorIds),
      });
    }
    if (step === 'return' && !dto.comment?.trim()) {
      throw new InvalidInputError('Skriv hvorfor besøget sendes retur', [
        { field: 'comment', rule: 'isNotEmpty', message: 'skal udfyldes' },
      ]);
    }
    if (step === 'submit' && missing) {
      const codes = await missing();
      if (codes.length) {
        throw new InvalidInputError(`${codes.length} indikatorer mangler en vurdering: ${codes.join(', ')}`, [
          { field: 'answers', rule: 'complete', message: `mangler vurdering af ${codes.join(', ')}` },
        ]);
      }
    }
    const before = await this.view(visit, inspectorIds);
    const at = now();
    visit.status = rule.to;
    if (step === 'submit') Object.assign(visit, { submittedById: user.id, submittedAt: at, returnComment: '' });
    if (step === 'approve') Object.assign(visit, { approvedById: user.id, approvedAt: at });
    if (step === 'return')
      Object.assign(visit, { returnComment: dto.comment!.trim(), approvedById: null, approvedAt: null });
    if (step === 'publish') visit.publishedAt = at;
    const after = await this.view(await this.repo.saveVisit(visit), inspectorIds);
    await this.audit.record({
      action: rule.audit,
      entityType: 'visit',
      entityId: id,
      facilityId: visit.facilityId,
      before,
      after,
    });
    if (step === 'publish') await this.events.evidenceChanged(visit.facilityId);
    return after;
  }

  isEditable(visit: VisitEntity): boolean {
    return EDITABLE_STATUSES.includes(visit.status);
  }
}

const STEP_LABELS: Record<Transition, string> = {
  submit: 'indsendes',
  approve: 'godkendes',
  return: 'sendes retur',
  publish: 'offentliggøres',
  cancel: 'aflyses',
};
